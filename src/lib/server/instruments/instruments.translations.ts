import type { InstrumentContent, LocalizedText } from './instruments.models.ts';

type ClientOnlyLocale = 'ar' | 'tr' | 'pl' | 'uk';

/**
 * The client languages of the built-in instruments' texts (docs/decisions/021), keyed by the
 * Dutch text they translate. Kept beside the published versions instead of in them: a stored
 * version never changes, yet every installation reads the translations at once, and an
 * instrument with the same Dutch words (an import) gets them too. A text without a translation
 * is read in Dutch, marked as Dutch. Not checked by a native speaker yet (README).
 * The professional's own wording stays Dutch and English.
 */
const TRANSLATIONS: Record<string, Record<ClientOnlyLocale, string>> = {
	'Samen Sterker': { ar: 'أقوى معًا', tr: 'Birlikte Daha Güçlü', pl: 'Razem silniejsi', uk: 'Разом сильніші' },
	Omgang: { ar: 'التعامل', tr: 'İlişki', pl: 'Relacja', uk: 'Стосунки' },
	'Hoe gaan we met elkaar om?': {
		ar: 'كيف نتعامل مع بعضنا؟',
		tr: 'Birbirimize nasıl davranıyoruz?',
		pl: 'Jak się do siebie odnosimy?',
		uk: 'Як ми ставимося одне до одного?'
	},
	'Hoe doen we samen?': { ar: 'كيف نتفاهم معًا؟', tr: 'Birlikte nasıl anlaşıyoruz?', pl: 'Jak nam idzie razem?', uk: 'Як нам разом?' },
	Luisteren: { ar: 'الاستماع', tr: 'Dinlemek', pl: 'Słuchanie', uk: 'Слухання' },
	'Luisteren we goed naar elkaar?': {
		ar: 'هل نستمع جيدًا لبعضنا؟',
		tr: 'Birbirimizi iyi dinliyor muyuz?',
		pl: 'Czy dobrze się słuchamy?',
		uk: 'Чи добре ми слухаємо одне одного?'
	},
	'Luisteren we goed naar jou?': {
		ar: 'هل نستمع إليك جيدًا؟',
		tr: 'Seni iyi dinliyor muyuz?',
		pl: 'Czy dobrze cię słuchamy?',
		uk: 'Чи добре ми тебе слухаємо?'
	},
	Contact: { ar: 'التواصل', tr: 'İletişim', pl: 'Kontakt', uk: 'Контакт' },
	'Hoe gaat het contact tussen ons?': {
		ar: 'كيف هو التواصل بيننا؟',
		tr: 'Aramızdaki iletişim nasıl?',
		pl: 'Jak wygląda kontakt między nami?',
		uk: 'Який контакт між нами?'
	},
	'Zien en spreken we elkaar genoeg?': {
		ar: 'هل نرى بعضنا ونتحدث بما يكفي؟',
		tr: 'Birbirimizi yeterince görüyor ve konuşuyor muyuz?',
		pl: 'Czy widzimy się i rozmawiamy wystarczająco?',
		uk: 'Чи досить ми бачимося і розмовляємо?'
	},
	'{plan}': { ar: '{plan}', tr: '{plan}', pl: '{plan}', uk: '{plan}' },
	'Werken we goed samen aan het {plan}?': {
		ar: 'هل نعمل جيدًا معًا على {plan}؟',
		tr: '{plan} üzerinde iyi birlikte çalışıyor muyuz?',
		pl: 'Czy dobrze razem pracujemy nad: {plan}?',
		uk: 'Чи добре ми разом працюємо над: {plan}?'
	},
	'Werken we samen aan de goede dingen?': {
		ar: 'هل نعمل معًا على الأشياء الصحيحة؟',
		tr: 'Birlikte doğru şeyler üzerinde mi çalışıyoruz?',
		pl: 'Czy razem pracujemy nad dobrymi rzeczami?',
		uk: 'Чи працюємо ми разом над правильними речами?'
	},
	Afspraken: { ar: 'الاتفاقات', tr: 'Anlaşmalar', pl: 'Ustalenia', uk: 'Домовленості' },
	'Doen we wat we met elkaar afspreken?': {
		ar: 'هل نفعل ما نتفق عليه؟',
		tr: 'Birlikte kararlaştırdığımızı yapıyor muyuz?',
		pl: 'Czy robimy to, co razem ustalamy?',
		uk: 'Чи робимо ми те, про що домовляємося?'
	},
	'Doen we wat we hebben afgesproken?': {
		ar: 'هل نفعل ما اتفقنا عليه؟',
		tr: 'Kararlaştırdığımızı yapıyor muyuz?',
		pl: 'Czy robimy to, co ustaliliśmy?',
		uk: 'Чи робимо ми те, про що домовилися?'
	},
	ontevreden: { ar: 'غير راضٍ', tr: 'memnun değil', pl: 'niezadowolony', uk: 'незадоволений' },
	tevreden: { ar: 'راضٍ', tr: 'memnun', pl: 'zadowolony', uk: 'задоволений' },
	'Heel slecht': { ar: 'سيئ جدًا', tr: 'Çok kötü', pl: 'Bardzo źle', uk: 'Дуже погано' },
	'Niet goed': { ar: 'غير جيد', tr: 'İyi değil', pl: 'Niedobrze', uk: 'Не добре' },
	'Gaat wel': { ar: 'مقبول', tr: 'İdare eder', pl: 'Może być', uk: 'Так собі' },
	Goed: { ar: 'جيد', tr: 'İyi', pl: 'Dobrze', uk: 'Добре' },
	'Heel goed': { ar: 'جيد جدًا', tr: 'Çok iyi', pl: 'Bardzo dobrze', uk: 'Дуже добре' },
	gezinsplan: { ar: 'خطة العائلة', tr: 'aile planı', pl: 'plan rodziny', uk: 'план родини' },
	'plan van aanpak': { ar: 'خطة العمل', tr: 'eylem planı', pl: 'plan działania', uk: 'план дій' },
	ondersteuningsplan: { ar: 'خطة الدعم', tr: 'destek planı', pl: 'plan wsparcia', uk: 'план підтримки' },
	plan: { ar: 'الخطة', tr: 'plan', pl: 'plan', uk: 'план' },
	'Feedback op het gesprek': {
		ar: 'رأيك في المحادثة',
		tr: 'Görüşme hakkında geri bildirim',
		pl: 'Opinia o rozmowie',
		uk: 'Відгук про розмову'
	},
	'Gehoord en begrepen': { ar: 'مسموع ومفهوم', tr: 'Duyuldum ve anlaşıldım', pl: 'Wysłuchanie i zrozumienie', uk: 'Почули й зрозуміли' },
	'Voelde ik me gehoord, begrepen en gerespecteerd?': {
		ar: 'هل شعرت أنهم سمعوني وفهموني واحترموني؟',
		tr: 'Kendimi duyulmuş, anlaşılmış ve saygı görmüş hissettim mi?',
		pl: 'Czy mnie wysłuchano, zrozumiano i szanowano?',
		uk: 'Чи мене почули, зрозуміли й поважали?'
	},
	'Werd er goed naar jou geluisterd?': {
		ar: 'هل استمعوا إليك جيدًا؟',
		tr: 'Seni iyi dinlediler mi?',
		pl: 'Czy dobrze cię słuchano?',
		uk: 'Чи добре тебе слухали?'
	},
	'Doelen en onderwerpen': { ar: 'الأهداف والمواضيع', tr: 'Hedefler ve konular', pl: 'Cele i tematy', uk: 'Цілі й теми' },
	'Hebben we gewerkt aan wat ik wilde bespreken?': {
		ar: 'هل عملنا على ما أردت أن أتحدث عنه؟',
		tr: 'Konuşmak istediğim şey üzerinde çalıştık mı?',
		pl: 'Czy pracowaliśmy nad tym, o czym chciałem(-am) porozmawiać?',
		uk: 'Чи працювали ми над тим, про що я хотів(-ла) поговорити?'
	},
	'Hebben we gepraat over wat jij wilde?': {
		ar: 'هل تحدثنا عما أردته؟',
		tr: 'İstediğin şey hakkında konuştuk mu?',
		pl: 'Czy rozmawialiśmy o tym, czego chciałeś(-aś)?',
		uk: 'Чи говорили ми про те, що ти хотів(-ла)?'
	},
	Aanpak: { ar: 'طريقة العمل', tr: 'Yaklaşım', pl: 'Sposób pracy', uk: 'Підхід' },
	'Paste de manier van werken bij mij?': {
		ar: 'هل ناسبتني طريقة العمل؟',
		tr: 'Çalışma şekli bana uydu mu?',
		pl: 'Czy sposób pracy mi pasował?',
		uk: 'Чи підходив мені спосіб роботи?'
	},
	'Vond je het fijn hoe we het deden?': {
		ar: 'هل أعجبتك الطريقة التي عملنا بها؟',
		tr: 'Nasıl yaptığımızı sevdin mi?',
		pl: 'Czy podobało ci się, jak to robiliśmy?',
		uk: 'Чи сподобалося тобі, як ми це робили?'
	},
	'Het gesprek': { ar: 'المحادثة', tr: 'Görüşme', pl: 'Rozmowa', uk: 'Розмова' },
	'Hoe was het gesprek van vandaag?': {
		ar: 'كيف كانت محادثة اليوم؟',
		tr: 'Bugünkü görüşme nasıldı?',
		pl: 'Jak minęła dzisiejsza rozmowa?',
		uk: 'Як пройшла сьогоднішня розмова?'
	},
	'Hoe vond je het vandaag?': {
		ar: 'كيف كان اليوم بالنسبة لك؟',
		tr: 'Bugün nasıl buldun?',
		pl: 'Jak ci się dziś podobało?',
		uk: 'Як тобі було сьогодні?'
	},
	'niet goed': { ar: 'غير جيد', tr: 'iyi değil', pl: 'niedobrze', uk: 'не добре' },
	'heel goed': { ar: 'جيد جدًا', tr: 'çok iyi', pl: 'bardzo dobrze', uk: 'дуже добре' }
};

function withTranslation(text: LocalizedText): LocalizedText {
	return { ...TRANSLATIONS[text.nl], ...text };
}

/**
 * The content with the client languages filled in where the stored content has none; what is
 * stored wins. The professional's wording is left as it is.
 */
export function withClientTranslations(content: InstrumentContent): InstrumentContent {
	return {
		...content,
		name: withTranslation(content.name),
		items: content.items.map((item) => ({
			...item,
			label: withTranslation(item.label),
			wording: { ...item.wording, adult: withTranslation(item.wording.adult), child: withTranslation(item.wording.child) }
		})),
		scale: { ...content.scale, min: withTranslation(content.scale.min), max: withTranslation(content.scale.max) },
		smileys: content.smileys.map((smiley) => ({ ...smiley, label: withTranslation(smiley.label) })),
		planTerms: Object.fromEntries(
			Object.entries(content.planTerms).map(([term, text]) => [term, withTranslation(text)])
		) as InstrumentContent['planTerms']
	};
}
