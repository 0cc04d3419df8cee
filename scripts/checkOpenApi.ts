// Validates the HTTP example's OpenAPI 3.1 document with a real validator
// (@apidevtools/swagger-parser: the OpenAPI 3.1 meta-schema plus its semantic checks),
// so `pnpm check` fails on a document a client generator would reject.
import SwaggerParser from '@apidevtools/swagger-parser';
import { openApiDocument } from '../examples/http-api/src/openApiDocument';

try {
  // The parser dereferences in place, so it gets a copy.
  await SwaggerParser.validate(structuredClone(openApiDocument()) as never);
  console.log('The OpenAPI document is valid.');
} catch (error) {
  console.error(`The OpenAPI document is not valid: ${(error as Error).message}`);
  process.exit(1);
}
