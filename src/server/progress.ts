/**
 * Start-up progress: one line when a slow step starts and one with its duration when it ends, so a user
 * watching `npm start` sees what is happening during the 10–30 s of generating and seeding.
 */
export type Progress = <T>(step: string, work: () => T | Promise<T>, done?: (result: T) => string) => Promise<T>;

export function progressPrinter(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Progress {
  return async (step, work, done) => {
    const t0 = Date.now();
    write(`… ${step}`);
    const result = await work();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    write(`✓ ${step}: ${done ? `${done(result)}, ` : ''}${secs} s`);
    return result;
  };
}

/** For callers that want no output (tests, the bench). */
export const silentProgress: Progress = async (_step, work) => work();
