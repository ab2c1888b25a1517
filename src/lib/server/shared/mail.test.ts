import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMailHtml } from './mail.ts';

describe('mail HTML', () => {
	it('shows what people typed as text, never as markup', () => {
		expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
	});

	it('has the language, one paragraph per block and the link', () => {
		const html = renderMailHtml('en', ['Hello <b>', 'Bye'], { href: 'https://x.test/a?b=1&c=2', label: 'Open' });
		expect(html).toContain('<html lang="en" dir="ltr">');
		expect(html).toContain('<p>Hello &lt;b&gt;</p>\n<p>Bye</p>');
		expect(html).toContain('<a href="https://x.test/a?b=1&amp;c=2">Open</a>');
	});

	it('puts blocks meant for after the link after it, also escaped', () => {
		const html = renderMailHtml('nl', ['Intro'], { href: 'https://x.test/', label: 'Open' }, ['Na <de> link']);
		expect(html.indexOf('Intro')).toBeLessThan(html.indexOf('>Open<'));
		expect(html.indexOf('>Open<')).toBeLessThan(html.indexOf('Na &lt;de&gt; link'));
	});

	it('an Arabic mail reads right to left; a block in another language is marked as such', () => {
		const html = renderMailHtml('ar', ['مرحبا'], undefined, { lang: 'nl', paragraphs: ['Elke maandag bellen'] });
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(html).toContain('<div lang="nl" dir="ltr"><p>Elke maandag bellen</p></div>');
	});
});
