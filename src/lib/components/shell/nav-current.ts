/**
 * Which menu link is where the person is (`aria-current`): "page" on the link to the page itself,
 * "true" on the link to the section a deeper page belongs to (a conversation under
 * Samenwerkingen), none elsewhere. A screen reader says "current page" or "current"; the menu
 * shows it too (SiteHeader.svelte).
 */
export function currentIn(path: string, href: string): 'page' | 'true' | undefined {
	const pathname = path.split(/[?#]/)[0] || '/';
	if (pathname === href) return 'page';
	return pathname.startsWith(`${href}/`) ? 'true' : undefined;
}
