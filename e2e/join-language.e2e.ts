// An outside new-user pass: a client whose phone asks for Turkish or Arabic saw /join in Dutch until
// they found the language switch. Before the device chose a language, a client page speaks the
// phone's best client language (server/http/page-locale.ts); an explicit choice always wins.
import { expect, submit, test, visit, type Page } from './fixtures.ts';
import { PHONE } from './support/quick-check.ts';

async function expectLanguage(page: Page, lang: string, dir: 'ltr' | 'rtl'): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

for (const javaScript of [true, false]) {
	test(`a phone asking for Turkish opens /join in Turkish, and keeps Dutch once the client chose it — ${javaScript ? 'with' : 'without'} JavaScript`, async ({
		newPage
	}) => {
		const phone = await newPage({ viewport: PHONE, locale: 'tr-TR', javaScriptEnabled: javaScript });
		await visit(phone, '/join', { status: 200 });
		await expectLanguage(phone, 'tr', 'ltr');
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Bir görüşmeye katıl');
		// The switch shows the language the page speaks.
		await expect(phone.getByRole('combobox', { name: 'Dil' })).toHaveValue('tr');

		await phone.getByRole('combobox', { name: 'Dil' }).selectOption('nl');
		await submit(phone, phone.getByRole('button', { name: 'Dil seç' }));
		await expectLanguage(phone, 'nl', 'ltr');
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Meedoen aan een gesprek');
		// The choice is the device's: a new visit keeps it, whatever the phone asks for.
		await visit(phone, '/join?left=1', { status: 200 });
		await expectLanguage(phone, 'nl', 'ltr');
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Meedoen aan een gesprek');
	});
}

test('a phone asking for Arabic opens /join in Arabic, right to left; one asking for German gets Dutch; a staff page stays Dutch', async ({
	newPage
}) => {
	const arabic = await newPage({ viewport: PHONE, locale: 'ar-MA' });
	await visit(arabic, '/join', { status: 200 });
	await expectLanguage(arabic, 'ar', 'rtl');
	await expect(arabic.getByRole('heading', { level: 1 })).toHaveText('المشاركة في محادثة');
	// The sign-in page is a staff page: Dutch or English only.
	await visit(arabic, '/sign-in', { status: 200 });
	await expectLanguage(arabic, 'nl', 'ltr');

	const german = await newPage({ viewport: PHONE, locale: 'de-DE' });
	await visit(german, '/join', { status: 200 });
	await expectLanguage(german, 'nl', 'ltr');
	await expect(german.getByRole('heading', { level: 1 })).toHaveText('Meedoen aan een gesprek');
});
