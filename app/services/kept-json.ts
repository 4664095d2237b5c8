/**
 * A JSON answer's text made once and kept (decision 078): handed to `c.json`, the server's JSON
 * compression (server/delivery.ts) sends the text as it is instead of serialising an object again. Anywhere
 * else it serialises to the same JSON (its `toJSON` is the value the text holds), so a handler that returns
 * it stays correct without that middleware.
 */
export class KeptJsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}
