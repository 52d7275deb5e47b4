/**
 * Reads the Worker isolate's own memory through workerd's inspector (Chrome DevTools Protocol),
 * as opposed to the workerd process's resident memory, which also holds the runtime's buffers.
 */
import WebSocket from "ws";

/** The isolate's memory in MiB: V8's heap in use, and ArrayBuffers' bytes outside it. */
export interface IsolateUsage {
  heap: number;
  backingStores: number;
}

export interface IsolateHeap {
  /** V8 heap in use plus ArrayBuffer backing stores, in MiB. */
  usedMiB(): Promise<number>;
  /** The same in its two parts. */
  usage(): Promise<IsolateUsage>;
  /**
   * The same after a full garbage collection (a heap snapshot makes one: workerd's inspector leaves
   * HeapProfiler.collectGarbage unanswered): what the isolate really keeps; null if it times out.
   */
  usedMiBAfterGc(): Promise<number | null>;
  close(): void;
}

/** Connects to the inspector on `port` and picks the Worker's isolate (`core:user`). */
export async function connectIsolateHeap(port: number): Promise<IsolateHeap> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
    title: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((candidate) => candidate.title.includes("core:user"));
  if (!target)
    throw new Error(`no Worker isolate among ${targets.map((candidate) => candidate.title).join(", ")}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let nextId = 0;
  const pending = new Map<number, (result: Record<string, number>) => void>();
  socket.on("message", (message) => {
    const reply = JSON.parse(String(message)) as { id?: number; result?: Record<string, number> };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply.result ?? {});
    if (reply.id !== undefined) pending.delete(reply.id);
  });
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  const usage = async (): Promise<IsolateUsage> => {
    const used = await call("Runtime.getHeapUsage");
    const mib = (bytes = 0) => bytes / (1024 * 1024);
    return { heap: mib(used.usedSize), backingStores: mib(used.backingStorageSize) };
  };
  const usedMiB = async () => {
    const { heap, backingStores } = await usage();
    return heap + backingStores;
  };
  return {
    usedMiB,
    usage,
    async usedMiBAfterGc() {
      // A heap snapshot starts with a full collection; its chunks (sent as events) are ignored.
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000));
      const collected = await Promise.race([call("HeapProfiler.takeHeapSnapshot"), timeout]);
      return collected === null ? null : usedMiB();
    },
    close: () => socket.close(),
  };
}
