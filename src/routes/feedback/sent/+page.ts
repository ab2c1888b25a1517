// A plain thank-you after the last answers closed the session feedback; no client JavaScript.
export const csr = false;
