// Like the participant pages: plain HTML, no SvelteKit client JavaScript on a client's phone.
export const csr = false;
