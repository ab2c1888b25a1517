// The table of messages looked up by key at run time (src/runtime-messages/runtime-messages.ts).
declare module 'virtual:tweespraak/runtime-messages' {
	const messages: Readonly<Record<string, ((inputs?: Record<string, unknown>) => string) | undefined>>;
	export default messages;
}
