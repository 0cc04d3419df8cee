import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '@quanzi/rules';
import { loadPolicy } from '@quanzi/rules/files';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'police-district.yaml');

/** The district's policy file, `examples/policies/police-district.yaml`, loaded and validated. */
export function districtPolicy(): Policy {
  return loadPolicy(readFileSync(policyFile, 'utf8'), { source: 'police-district.yaml' });
}
