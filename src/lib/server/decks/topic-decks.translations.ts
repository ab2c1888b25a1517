import type { DeckTranslations } from './decks.translations.ts';

/** The topic decks (samenleerwijzer, themes) in the client languages, keyed by the Dutch text (decks.translations.ts). */
export const TOPIC_DECK_TRANSLATIONS: DeckTranslations = {
	'Onderwerpen van de Samenleerwijzer': {
		ar: 'مواضيع دليل التعلّم المشترك',
		tr: 'Birlikte öğrenme rehberinin konuları',
		pl: 'Tematy z przewodnika do wspólnego uczenia się',
		uk: 'Теми з путівника спільного навчання'
	},
	'Drie onderwerpen om samen over te praten. Je hoeft niet alles te bespreken. Kies wat voor jou belangrijk is.': {
		ar: 'ثلاثة مواضيع لنتحدث عنها معًا. لا يجب أن تتحدث عن كل شيء. اختر ما هو مهم لك.',
		tr: 'Birlikte konuşmak için üç konu. Her şeyi konuşmak zorunda değilsin. Senin için önemli olanı seç.',
		pl: 'Trzy tematy do wspólnej rozmowy. Nie musisz mówić o wszystkim. Wybierz to, co jest dla ciebie ważne.',
		uk: 'Три теми, щоб поговорити разом. Не треба говорити про все. Вибери те, що важливо для тебе.'
	},
	'Onze verbinding': { ar: 'علاقتنا', tr: 'Bağımız', pl: 'Nasza więź', uk: 'Наш зв’язок' },
	'Hoe is het contact tussen ons?': {
		ar: 'كيف هو التواصل بيننا؟',
		tr: 'Aramızdaki iletişim nasıl?',
		pl: 'Jaki jest kontakt między nami?',
		uk: 'Який контакт між нами?'
	},
	'Voel ik me gezien en gehoord?': {
		ar: 'هل أشعر أنهم يرونني ويسمعونني؟',
		tr: 'Kendimi görülmüş ve duyulmuş hissediyor muyum?',
		pl: 'Czy czuję, że ktoś mnie widzi i słyszy?',
		uk: 'Чи відчуваю я, що мене бачать і чують?'
	},
	'Durf ik te zeggen wat ik denk en voel?': {
		ar: 'هل أجرؤ على قول ما أفكر فيه وما أشعر به؟',
		tr: 'Ne düşündüğümü ve hissettiğimi söylemeye cesaret ediyor muyum?',
		pl: 'Czy odważam się mówić, co myślę i czuję?',
		uk: 'Чи наважуюсь я сказати, що думаю і відчуваю?'
	},
	'Hoe praten we met elkaar?': {
		ar: 'كيف نتحدث مع بعضنا؟',
		tr: 'Birbirimizle nasıl konuşuyoruz?',
		pl: 'Jak ze sobą rozmawiamy?',
		uk: 'Як ми розмовляємо одне з одним?'
	},
	'Vertrouwen we elkaar?': {
		ar: 'هل نثق ببعضنا؟',
		tr: 'Birbirimize güveniyor muyuz?',
		pl: 'Czy sobie ufamy?',
		uk: 'Чи довіряємо ми одне одному?'
	},
	'Onze aanpak': { ar: 'طريقتنا في العمل', tr: 'Yaklaşımımız', pl: 'Nasz sposób pracy', uk: 'Наш підхід' },
	'Hoe werken we samen?': {
		ar: 'كيف نعمل معًا؟',
		tr: 'Birlikte nasıl çalışıyoruz?',
		pl: 'Jak razem pracujemy?',
		uk: 'Як ми працюємо разом?'
	},
	'Past de manier van werken bij mij?': {
		ar: 'هل تناسبني طريقة العمل؟',
		tr: 'Çalışma şekli bana uyuyor mu?',
		pl: 'Czy sposób pracy mi pasuje?',
		uk: 'Чи підходить мені спосіб роботи?'
	},
	'Weet ik wat er gaat gebeuren?': {
		ar: 'هل أعرف ما الذي سيحدث؟',
		tr: 'Ne olacağını biliyor muyum?',
		pl: 'Czy wiem, co się wydarzy?',
		uk: 'Чи знаю я, що буде далі?'
	},
	'Beslissen we samen?': {
		ar: 'هل نقرر معًا؟',
		tr: 'Birlikte karar veriyor muyuz?',
		pl: 'Czy decydujemy razem?',
		uk: 'Чи вирішуємо ми разом?'
	},
	'Hebben we genoeg tijd in onze gesprekken?': {
		ar: 'هل لدينا وقت كافٍ في محادثاتنا؟',
		tr: 'Görüşmelerimizde yeterince zamanımız var mı?',
		pl: 'Czy mamy dość czasu w naszych rozmowach?',
		uk: 'Чи вистачає нам часу в наших розмовах?'
	},
	'Onze resultaten': { ar: 'نتائجنا', tr: 'Sonuçlarımız', pl: 'Nasze wyniki', uk: 'Наші результати' },
	'Wat bereiken we samen?': {
		ar: 'ماذا نحقق معًا؟',
		tr: 'Birlikte neye ulaşıyoruz?',
		pl: 'Co razem osiągamy?',
		uk: 'Чого ми досягаємо разом?'
	},
	'Aan welke doelen werken we?': {
		ar: 'على أي أهداف نعمل؟',
		tr: 'Hangi hedefler üzerinde çalışıyoruz?',
		pl: 'Nad jakimi celami pracujemy?',
		uk: 'Над якими цілями ми працюємо?'
	},
	'Doen we wat we hebben afgesproken?': {
		ar: 'هل نفعل ما اتفقنا عليه؟',
		tr: 'Kararlaştırdığımızı yapıyor muyuz?',
		pl: 'Czy robimy to, co ustaliliśmy?',
		uk: 'Чи робимо ми те, про що домовилися?'
	},
	'Wat is al beter geworden?': {
		ar: 'ما الذي أصبح أفضل؟',
		tr: 'Neler şimdiden daha iyi oldu?',
		pl: 'Co już się poprawiło?',
		uk: 'Що вже стало краще?'
	},
	'Wat is er nog nodig?': {
		ar: 'ما الذي لا نزال نحتاجه؟',
		tr: 'Daha neye ihtiyaç var?',
		pl: 'Czego jeszcze potrzeba?',
		uk: 'Що ще потрібно?'
	},

	'Thema’s van het Samenleergesprek': {
		ar: 'محاور محادثة التعلّم المشترك',
		tr: 'Birlikte öğrenme görüşmesinin temaları',
		pl: 'Tematy wspólnej rozmowy',
		uk: 'Теми спільної розмови'
	},
	'Vier thema’s. Bij het laatste thema kies je zelf een onderwerp.': {
		ar: 'أربعة محاور. في المحور الأخير تختار موضوعًا بنفسك.',
		tr: 'Dört tema. Son temada konuyu kendin seçersin.',
		pl: 'Cztery tematy. Przy ostatnim temacie wybierasz swój własny temat.',
		uk: 'Чотири теми. В останній темі тему вибираєш ти.'
	},
	'Hoe gaat onze samenwerking?': {
		ar: 'كيف يسير تعاوننا؟',
		tr: 'İş birliğimiz nasıl gidiyor?',
		pl: 'Jak idzie nasza współpraca?',
		uk: 'Як іде наша співпраця?'
	},
	'Hoe praten we met elkaar, en hoe werken we samen?': {
		ar: 'كيف نتحدث مع بعضنا، وكيف نعمل معًا؟',
		tr: 'Birbirimizle nasıl konuşuyoruz ve nasıl birlikte çalışıyoruz?',
		pl: 'Jak ze sobą rozmawiamy i jak razem pracujemy?',
		uk: 'Як ми розмовляємо одне з одним і як працюємо разом?'
	},
	'Dit gaat over hoe we met elkaar praten en samenwerken.': {
		ar: 'هذا عن طريقة حديثنا وعملنا معًا.',
		tr: 'Bu, birbirimizle nasıl konuştuğumuz ve birlikte nasıl çalıştığımızla ilgili.',
		pl: 'Chodzi o to, jak ze sobą rozmawiamy i współpracujemy.',
		uk: 'Це про те, як ми розмовляємо і працюємо разом.'
	},
	'Voel ik me gezien?': {
		ar: 'هل أشعر أنهم يرونني؟',
		tr: 'Kendimi görülmüş hissediyor muyum?',
		pl: 'Czy czuję, że ktoś mnie widzi?',
		uk: 'Чи відчуваю я, що мене бачать?'
	},
	'Voel ik me gehoord?': {
		ar: 'هل أشعر أنهم يسمعونني؟',
		tr: 'Kendimi duyulmuş hissediyor muyum?',
		pl: 'Czy czuję, że ktoś mnie słyszy?',
		uk: 'Чи відчуваю я, що мене чують?'
	},
	'Wat bereiken we met elkaar?': {
		ar: 'ماذا نحقق مع بعضنا؟',
		tr: 'Birlikte neler başarıyoruz?',
		pl: 'Co wspólnie osiągamy?',
		uk: 'Чого ми досягаємо спільно?'
	},
	'Wat levert het op als we samen praten?': {
		ar: 'ماذا نكسب عندما نتحدث معًا؟',
		tr: 'Birlikte konuşunca ne kazanıyoruz?',
		pl: 'Co daje nam wspólna rozmowa?',
		uk: 'Що нам дає спільна розмова?'
	},
	'Dit gaat over onze doelen, onze afspraken en wat we bereiken.': {
		ar: 'هذا عن أهدافنا واتفاقاتنا وما نحققه.',
		tr: 'Bu, hedeflerimiz, anlaşmalarımız ve ulaştıklarımızla ilgili.',
		pl: 'Chodzi o nasze cele, nasze ustalenia i to, co osiągamy.',
		uk: 'Це про наші цілі, наші домовленості й те, чого ми досягаємо.'
	},
	'Welke afspraken maken we? Doen we wat we afspreken?': {
		ar: 'ما الاتفاقات التي نضعها؟ هل نفعل ما نتفق عليه؟',
		tr: 'Hangi anlaşmaları yapıyoruz? Kararlaştırdığımızı yapıyor muyuz?',
		pl: 'Jakie ustalenia robimy? Czy robimy to, co ustalamy?',
		uk: 'Про що ми домовляємося? Чи робимо ми те, про що домовляємося?'
	},
	'Wat hebben we al bereikt?': {
		ar: 'ماذا حققنا حتى الآن؟',
		tr: 'Şimdiye kadar neye ulaştık?',
		pl: 'Co już osiągnęliśmy?',
		uk: 'Чого ми вже досягли?'
	},
	'Hoe past de begeleiding?': {
		ar: 'إلى أي حد تناسب المساعدة؟',
		tr: 'Destek ne kadar uygun?',
		pl: 'Na ile pasuje wsparcie?',
		uk: 'Наскільки підходить підтримка?'
	},
	'Past de hulp bij wie ik ben en wat ik nodig heb?': {
		ar: 'هل تناسب المساعدة من أنا وما أحتاجه؟',
		tr: 'Yardım, kim olduğuma ve neye ihtiyacım olduğuna uyuyor mu?',
		pl: 'Czy pomoc pasuje do tego, kim jestem i czego potrzebuję?',
		uk: 'Чи підходить допомога до того, хто я і що мені потрібно?'
	},
	'Dit gaat over hoe goed de begeleiding bij jou past.': {
		ar: 'هذا عن مدى مناسبة المساعدة لك.',
		tr: 'Bu, desteğin sana ne kadar uyduğuyla ilgili.',
		pl: 'Chodzi o to, jak dobrze wsparcie pasuje do ciebie.',
		uk: 'Це про те, наскільки підтримка підходить тобі.'
	},
	'Krijg ik de hulp die ik nodig heb?': {
		ar: 'هل أحصل على المساعدة التي أحتاجها؟',
		tr: 'İhtiyacım olan yardımı alıyor muyum?',
		pl: 'Czy dostaję pomoc, której potrzebuję?',
		uk: 'Чи отримую я допомогу, яка мені потрібна?'
	},
	'Wat willen we nog meer bespreken?': {
		ar: 'عن ماذا نريد أن نتحدث أيضًا؟',
		tr: 'Başka neyi konuşmak istiyoruz?',
		pl: 'O czym jeszcze chcemy porozmawiać?',
		uk: 'Про що ще ми хочемо поговорити?'
	},
	'Is er iets anders waar je over wilt praten?': {
		ar: 'هل هناك شيء آخر تريد أن تتحدث عنه؟',
		tr: 'Konuşmak istediğin başka bir şey var mı?',
		pl: 'Czy jest coś innego, o czym chcesz porozmawiać?',
		uk: 'Чи є щось інше, про що ти хочеш поговорити?'
	},
	'Hier kies je zelf een onderwerp. Schrijf het op in je eigen woorden.': {
		ar: 'هنا تختار موضوعًا بنفسك. اكتبه بكلماتك الخاصة.',
		tr: 'Burada konuyu kendin seçersin. Kendi kelimelerinle yaz.',
		pl: 'Tu wybierasz własny temat. Zapisz go swoimi słowami.',
		uk: 'Тут ти вибираєш свою тему. Запиши її своїми словами.'
	}
};
