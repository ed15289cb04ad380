/** Polls `probe` every 200 ms until it returns a value; fails naming `what` (and `context()`) after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${context() ? `\n${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
