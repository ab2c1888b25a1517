// A client's first page, on their own phone: a code and a choice of who they are, both plain
// forms that work without JavaScript. No SvelteKit client JavaScript, as on the pages it leads
// to ((participant)/+layout.ts): with it, this page made a phone fetch the app's start-up and the
// chunk with every message of the app (184 KB compressed) before the client had typed anything.
export const csr = false;
