import { placeIssues } from './placeIssues';
import { readDataFile } from './readDataFile';

/**
 * Reads a JSON or YAML file and hands its text to a loader (`loadPolicy`,
 * `loadScenario`, `loadFormula`); a refusal names the file and the line and column of
 * each bad field.
 */
export function loadDataFile<T>(
  cwd: string,
  file: string,
  load: (text: string, format: 'json' | 'yaml') => T,
): T {
  const { text, format } = readDataFile(cwd, file);
  try {
    return load(text, format);
  } catch (error) {
    throw placeIssues(error, text, file);
  }
}
