// Starts a benchmark server as its own process (its own core) and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface ChildServer {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs a TypeScript server file with arguments and waits for it to print "ready". */
export function startChild(
  file: string,
  args: string[],
  timeoutMs = 30_000,
): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'tools/dev/run-ts.js'), path.join(__dirname, '..', file), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`${file} not ready: ${output.slice(-500)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-10_000);
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve({ process: child, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${file} exited with ${code}: ${output.slice(-500)}`)),
    );
  });
}
