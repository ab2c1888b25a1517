// Like the participant pages: plain HTML forms, no SvelteKit client JavaScript on a client's phone.
export const csr = false;
