// The first hour of a new installation, in both languages, each on a fresh server of its own:
// setup → admin invites a professional → the professional creates an account, signs in and out.
import {
	acceptInvitation,
	expect,
	extractLink,
	loginAs,
	mainFormButton,
	sendInvite,
	signOut,
	submit,
	switchLanguage,
	test,
	visit,
	waitForMail
} from './fixtures.ts';

const TEXT = {
	nl: {
		setupTitle: 'Tweespraak inrichten',
		staffTitle: 'Medewerkers',
		inviteSent: (email: string) => `De uitnodiging is verstuurd naar ${email}.`,
		mailSubject: 'Uitnodiging voor Tweespraak',
		mailAction: 'Maak je account',
		mailExpiry: 'Deze link werkt 7 dagen en maar één keer.',
		invitationTitle: 'Welkom bij Tweespraak',
		invitationIntro: (organisation: string) => `Je bent uitgenodigd voor ${organisation}.`,
		accountCreated: 'Je account is klaar. Log nu in.',
		welcome: (name: string) => `Welkom, ${name}`,
		roles: 'Je rollen: Professional',
		signedOut: 'Je bent uitgelogd.',
		signInTitle: 'Inloggen'
	},
	en: {
		setupTitle: 'Set up Tweespraak',
		staffTitle: 'Staff',
		inviteSent: (email: string) => `The invitation has been sent to ${email}.`,
		mailSubject: 'Invitation to Tweespraak',
		mailAction: 'Create your account',
		mailExpiry: 'This link works for 7 days and only once.',
		invitationTitle: 'Welcome to Tweespraak',
		invitationIntro: (organisation: string) => `You have been invited to ${organisation}.`,
		accountCreated: 'Your account is ready. Sign in now.',
		welcome: (name: string) => `Welcome, ${name}`,
		roles: 'Your roles: Professional',
		signedOut: 'You have signed out.',
		signInTitle: 'Sign in'
	}
} as const;

for (const locale of ['nl', 'en'] as const) {
	const text = TEXT[locale];
	const language = locale === 'nl' ? 'Dutch' : 'English';

	test(`a new installation is set up, invites a professional who signs in and out — in ${language}`, async ({ freshApp, newPage }) => {
		const organisation = locale === 'nl' ? 'Jeugdzorg Oost' : 'Youth Care East';
		const admin = { name: 'Sanne Beheer', email: `admin-${locale}@example.nl`, password: 'beheerder met een lange zin' };
		const professional = {
			name: locale === 'nl' ? 'Piet Professional' : 'Pat Professional',
			email: `pro-${locale}@example.nl`,
			password: 'professional met een lange zin'
		};

		// The operator opens the setup link from the server log; the page starts in Dutch.
		const adminPage = await newPage({ baseURL: freshApp.baseURL });
		await visit(adminPage, freshApp.setupLink, { status: 200 });
		await expect(adminPage.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(TEXT.nl.setupTitle);
		if (locale === 'en') {
			await switchLanguage(adminPage, 'en');
			await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(TEXT.en.setupTitle);
			await expect(adminPage.locator('header form[action="/language"] button')).toHaveText('Nederlands');
		}

		await adminPage.locator('input[name="organisationName"]').fill(organisation);
		await adminPage.locator('select[name="defaultLocale"]').selectOption(locale);
		await adminPage.locator('input[name="adminName"]').fill(admin.name);
		await adminPage.locator('input[name="adminEmail"]').fill(admin.email);
		await adminPage.locator('input[name="password"]').fill(admin.password);
		await adminPage.locator('input[name="passwordConfirm"]').fill(admin.password);
		await submit(adminPage, mainFormButton(adminPage));

		// The admin is signed in and lands on the staff page, in the chosen language.
		await expect(adminPage).toHaveURL(/\/admin\/staff$/);
		await expect(adminPage.locator('html')).toHaveAttribute('lang', locale);
		await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(text.staffTitle);
		await expect(adminPage.getByRole('row', { name: new RegExp(admin.name) })).toBeVisible();

		await sendInvite(adminPage, { email: professional.email, locale, roles: ['professional'] });
		await expect(adminPage.getByRole('status')).toHaveText(text.inviteSent(professional.email));

		// The invitation mail is in the language the admin chose.
		const mail = await waitForMail(freshApp, professional.email);
		expect(mail.subject).toBe(text.mailSubject);
		expect(mail.text).toContain(text.mailAction);
		expect(mail.text).toContain(text.mailExpiry);
		expect(mail.html).toContain(`lang="${locale}"`);
		const link = extractLink(mail, '/invitation/');
		expect(new URL(link).origin).toBe(freshApp.baseURL);

		// The professional opens the link in a browser of their own.
		const proPage = await newPage({ baseURL: freshApp.baseURL });
		// A first visit opens in the language the admin chose for the invitation.
		await visit(proPage, link, { status: 200 });
		await expect(proPage.locator('html')).toHaveAttribute('lang', locale);
		await expect(proPage.getByRole('heading', { level: 1 })).toHaveText(text.invitationTitle);
		await expect(proPage.getByRole('main')).toContainText(text.invitationIntro(organisation));
		await expect(proPage.getByRole('main')).toContainText(professional.email);
		await acceptInvitation(proPage, link, professional);
		await expect(proPage.locator('html')).toHaveAttribute('lang', locale);
		await expect(proPage.getByRole('status')).toHaveText(text.accountCreated);

		await loginAs(proPage, professional.email, professional.password);
		await expect(proPage).toHaveURL(/\/start$/);
		await expect(proPage.getByRole('heading', { level: 1 })).toHaveText(text.welcome(professional.name));
		await expect(proPage.getByRole('main')).toContainText(organisation);
		await expect(proPage.getByRole('main')).toContainText(text.roles);

		await signOut(proPage);
		await expect(proPage.getByRole('status')).toHaveText(text.signedOut);
		await expect(proPage.getByRole('heading', { level: 1 })).toHaveText(text.signInTitle);

		// Signed out means signed out: the start page sends them back to sign in.
		await visit(proPage, '/start');
		await expect(proPage).toHaveURL(/\/sign-in\?next=%2Fstart$/);
	});
}
