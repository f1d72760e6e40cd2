import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isoDateError } from '../../src/domain/dates';
import { PRESET_NAMES, type PresetName } from '../generator/presets';

/**
 * Command-line parsing shared by the simulator CLIs. A bad argument ends the program with one line that
 * names the argument and exit code 2 (the usage-error convention); never a stack trace.
 */
export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!);
  }
}

export function presetArg(value: string | undefined, fallback: PresetName): PresetName {
  const v = value ?? fallback;
  if (!(PRESET_NAMES as readonly string[]).includes(v)) throw new UsageError(`--preset must be one of ${PRESET_NAMES.join(', ')} (got "${v}")`);
  return v as PresetName;
}

export function seedArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new UsageError(`--seed must be a non-negative integer (got "${value}")`);
  return Number(value);
}

export function asOfArg(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const err = isoDateError(value);
  if (err) throw new UsageError(`--as-of: ${err} (got "${value}")`);
  return value;
}

/** Runs a CLI main: usage errors exit 2 with one line, other failures exit 1 with one line. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      process.stderr.write(`${name}: ${message}\n`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}

export function formatCounts(counts: Record<string, number>): string {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  return Object.entries(counts)
    .map(([k, v]) => `  ${k.padEnd(width)}  ${v.toLocaleString('en-US').padStart(10)}`)
    .join('\n');
}
