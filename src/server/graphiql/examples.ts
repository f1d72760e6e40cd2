import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OPERATIONS_DIR } from '../../access/safelist';

/**
 * The example operations offered in GraphiQL (one tab each): every `.graphql` under operations/, with the example
 * variables beside it (`<name>.variables.json`, values from the embedded demo municipality) and a header
 * template with the purpose that user group states.
 */
export interface Example {
  file: string;
  query: string;
  variables: string;
  headers: string;
}

const PURPOSE_BY_GROUP: Record<string, string> = { sagsbehandling: 'SAGSBEHANDLING', frontend: 'SAGSBEHANDLING', oekonomi: 'OEKONOMI', bi: 'ANALYSE' };

export function headerTemplate(purpose = 'SAGSBEHANDLING'): string {
  return JSON.stringify(
    { Authorization: 'Bearer <paste a token: npm start prints one per role, or npm run token -- --role sagsbehandler>', 'x-formaal': purpose },
    null,
    2,
  );
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : f.endsWith('.graphql') ? [p] : [];
    });
}

export function loadExamples(dir = OPERATIONS_DIR): Example[] {
  return walk(dir).map((file) => {
    const varsFile = file.replace(/\.graphql$/, '.variables.json');
    const group = relative(dir, file).split('/')[0]!;
    return {
      file: relative(dir, file),
      query: readFileSync(file, 'utf8'),
      variables: existsSync(varsFile) ? readFileSync(varsFile, 'utf8') : '{}',
      headers: headerTemplate(PURPOSE_BY_GROUP[group]),
    };
  });
}
