/** Resolves on the next macrotask (setImmediate in Node, setTimeout elsewhere): lets abort events and timers run. */
export const nextTask = (): Promise<void> => new Promise<void>((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));
