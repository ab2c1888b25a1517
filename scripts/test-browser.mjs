// Which Chromium the end-to-end tests drive (playwright.config.ts, scripts/test.mjs): CHROMIUM_PATH
// when set; else Debian's headless shell (package chromium-headless-shell) when installed, the same
// Blink without the full browser's UI process and compositor, which runs the suite on a fraction
// of the CPU (docs/decisions/024, part five); else the full browser. The bench's slow phone
// measures the full browser (scripts/bench/slow-phone.mjs): that figure is about a real phone.
import fs from 'node:fs';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_CHROMIUM = '/usr/bin/chromium';

/** @returns {string} */
export function chromiumForTests(env = process.env) {
	if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
	return fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM;
}
