import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface XmllintFile {
  fileName: string;
  contents: string | Buffer;
}

export interface XmllintRun {
  /** xmllint exit code: 0 valid, 3/4 invalid. */
  exitCode: number;
  stderr: string;
}

interface Job {
  files: XmllintFile[];
  args: string[];
  resolve: (run: XmllintRun) => void;
  reject: (err: unknown) => void;
}

const MESSAGE_KEY = 'xmllint-wasm';
const RECYCLE_AFTER = 200;

// xmllint-wasm starts a new worker thread for every call, and that thread inherits the
// parent's -r hooks (a TypeScript loader costs ~0.2 s per start). This keeps one plain
// worker running the same xmllint build and feeds it one job at a time. The worker keeps
// its output buffers across jobs, so each result is the part added since the last one, and
// the worker is replaced every few hundred jobs to free those buffers.

/** One long-lived xmllint (WASM) worker, used one job at a time. */
export class XmllintWorker {
  private worker?: Worker;
  private jobs = 0;
  private seen = 0;
  private readonly queue: Job[] = [];
  private busy = false;

  run(files: XmllintFile[], args: string[]): Promise<XmllintRun> {
    return new Promise((resolve, reject) => {
      this.queue.push({ files, args, resolve, reject });
      this.next();
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private next(): void {
    if (this.busy) return;
    const job = this.queue.shift();
    if (!job) {
      this.worker?.unref();
      return;
    }
    this.busy = true;
    const worker = this.ensureWorker();
    worker.ref();
    const finish = () => {
      this.busy = false;
      this.next();
    };
    const onMessage = (message: {
      exitCode: number;
      stderr: string;
      [MESSAGE_KEY]?: boolean;
    }) => {
      if (message[MESSAGE_KEY] !== true) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      const stderr = message.stderr.slice(this.seen);
      this.seen = message.stderr.length;
      job.resolve({ exitCode: message.exitCode, stderr });
      finish();
    };
    const onError = (err: unknown) => {
      worker.off('message', onMessage);
      this.close();
      job.reject(err);
      finish();
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({
      [MESSAGE_KEY]: true,
      inputFiles: job.files,
      args: job.args,
      initialMemory: 256,
      maxMemory: 4096,
    });
  }

  private ensureWorker(): Worker {
    if (this.worker && this.jobs >= RECYCLE_AFTER) this.close();
    if (!this.worker) {
      const script = join(dirname(require.resolve('xmllint-wasm')), 'xmllint-node.js');
      this.worker = new Worker(script, { execArgv: [] });
      this.jobs = 0;
      this.seen = 0;
    }
    this.jobs += 1;
    return this.worker;
  }
}
