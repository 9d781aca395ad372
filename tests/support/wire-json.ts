/**
 * JSON as it crossed a fake platform's wire: a request body the adapter sent, a response, a
 * gateway frame. Tests read it by path (`body.embeds[0].footer.text`) and assert the very shape
 * they read, so a stale path fails the assertion rather than the compile.
 */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON from the fakes is probed by path in assertions; each assertion checks the shape it reads
export type WireJson = any;
