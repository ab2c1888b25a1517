// Participant pages work as plain HTML forms and reloads: no SvelteKit client JavaScript at all,
// which keeps a client's phone download small. Live updates come from one small static script
// (static/live-client.js, see ParticipantLive.svelte).
export const csr = false;
