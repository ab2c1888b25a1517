/**
 * A browser's User-Agent header in a few words ("Firefox", "Windows"), to tell a person's own
 * devices apart in the list of their sessions. Only the names of common browsers and systems;
 * anything else is unknown (null). Never the raw header: it is not shown nor passed to a page.
 */
export interface BrowserDescription {
	browser: string | null;
	system: string | null;
}

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
const BROWSERS: readonly [RegExp, string][] = [
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\b(OPR|Opera)\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(Firefox|FxiOS)\//, 'Firefox'],
	[/\b(Chrome|Chromium|CriOS)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];
const SYSTEMS: readonly [RegExp, string][] = [
	[/\b(iPhone|iPad|iPod)\b/, 'iOS'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

const firstMatch = (header: string, names: readonly [RegExp, string][]) => names.find(([pattern]) => pattern.test(header))?.[1] ?? null;

export function describeBrowser(userAgent: string | null | undefined): BrowserDescription {
	const header = (userAgent ?? '').slice(0, 1000);
	return { browser: firstMatch(header, BROWSERS), system: firstMatch(header, SYSTEMS) };
}
