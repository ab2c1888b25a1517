import type { DeckTranslations } from './decks.translations.ts';

/** The value cards in the client languages, keyed by the Dutch text (decks.translations.ts). */
export const VALUES_DECK_TRANSLATIONS: DeckTranslations = {
	'Wat vind ik belangrijk?': {
		ar: 'ما المهم بالنسبة لي؟',
		tr: 'Benim için ne önemli?',
		pl: 'Co jest dla mnie ważne?',
		uk: 'Що для мене важливо?'
	},
	'Negen kaarten over wat samenwerken gelijkwaardig maakt. Kies de kaarten die voor jou het meest tellen.': {
		ar: 'تسع بطاقات عمّا يجعل العمل معًا قائمًا على المساواة. اختر البطاقات الأهم بالنسبة لك.',
		tr: 'Birlikte eşit şekilde çalışmayı sağlayan şeyler hakkında dokuz kart. Senin için en önemli kartları seç.',
		pl: 'Dziewięć kart o tym, co sprawia, że współpracujemy na równych prawach. Wybierz karty, które są dla ciebie najważniejsze.',
		uk: 'Дев’ять карток про те, що робить співпрацю рівною. Вибери картки, які для тебе найважливіші.'
	},
	'Gezien worden': { ar: 'أن يراني الآخرون', tr: 'Görülmek', pl: 'Gdy ktoś mnie widzi', uk: 'Коли мене бачать' },
	'Zie je mij als mens?': {
		ar: 'هل تراني كإنسان؟',
		tr: 'Beni bir insan olarak görüyor musun?',
		pl: 'Czy widzisz we mnie człowieka?',
		uk: 'Чи бачиш ти в мені людину?'
	},
	'We maken even een praatje.': {
		ar: 'نتحدث قليلًا عن أمور عادية.',
		tr: 'Biraz sohbet ediyoruz.',
		pl: 'Rozmawiamy chwilę o zwykłych sprawach.',
		uk: 'Ми трохи розмовляємо про звичайні речі.'
	},
	'Het contact is persoonlijk en ontspannen.': {
		ar: 'التواصل شخصي ومريح.',
		tr: 'İletişim kişisel ve rahat.',
		pl: 'Kontakt jest osobisty i swobodny.',
		uk: 'Контакт особистий і спокійний.'
	},
	'Je kijkt me aan en je bent vriendelijk.': {
		ar: 'تنظر إليّ وتكون لطيفًا.',
		tr: 'Bana bakıyorsun ve naziksin.',
		pl: 'Patrzysz na mnie i mówisz do mnie życzliwie.',
		uk: 'Ти дивишся на мене і говориш привітно.'
	},
	'Gehoord worden': { ar: 'أن يسمعني الآخرون', tr: 'Duyulmak', pl: 'Gdy ktoś mnie słyszy', uk: 'Коли мене чують' },
	'Luister je echt naar mij?': {
		ar: 'هل تستمع إليّ حقًا؟',
		tr: 'Beni gerçekten dinliyor musun?',
		pl: 'Czy naprawdę mnie słuchasz?',
		uk: 'Чи ти справді мене слухаєш?'
	},
	'Je neemt de tijd om te luisteren.': {
		ar: 'تأخذ وقتك لتستمع.',
		tr: 'Dinlemek için zaman ayırıyorsun.',
		pl: 'Znajdujesz czas, żeby słuchać.',
		uk: 'Ти знаходиш час, щоб слухати.'
	},
	'Je vraagt goed door.': {
		ar: 'تسأل أسئلة جيدة لتفهم أكثر.',
		tr: 'Daha iyi anlamak için soru soruyorsun.',
		pl: 'Dopytujesz, żeby dobrze zrozumieć.',
		uk: 'Ти уважно розпитуєш.'
	},
	'Samen komen we bij wat echt het probleem is.': {
		ar: 'معًا نصل إلى المشكلة الحقيقية.',
		tr: 'Birlikte asıl sorunu buluyoruz.',
		pl: 'Razem dochodzimy do tego, jaki jest prawdziwy problem.',
		uk: 'Разом ми доходимо до справжньої проблеми.'
	},
	Erkenning: { ar: 'التقدير', tr: 'Takdir', pl: 'Uznanie', uk: 'Визнання' },
	'Zie je wat ik meemaak en wat ik al doe?': {
		ar: 'هل ترى ما أمرّ به وما أفعله بالفعل؟',
		tr: 'Yaşadıklarımı ve zaten yaptıklarımı görüyor musun?',
		pl: 'Czy widzisz, przez co przechodzę i co już robię?',
		uk: 'Чи бачиш ти, що я переживаю і що я вже роблю?'
	},
	'Je erkent mijn rol en wat ik weet.': {
		ar: 'تعترف بدوري وبما أعرفه.',
		tr: 'Rolümü ve bildiklerimi kabul ediyorsun.',
		pl: 'Uznajesz moją rolę i to, co wiem.',
		uk: 'Ти визнаєш мою роль і те, що я знаю.'
	},
	'Je ziet ook wat wél goed gaat.': {
		ar: 'ترى أيضًا ما يسير بشكل جيد.',
		tr: 'İyi giden şeyleri de görüyorsun.',
		pl: 'Widzisz też to, co idzie dobrze.',
		uk: 'Ти бачиш і те, що йде добре.'
	},
	'Je oordeelt niet over mij. Ik ben niet gek.': {
		ar: 'لا تحكم عليّ. أنا لست مجنونًا.',
		tr: 'Beni yargılamıyorsun. Ben deli değilim.',
		pl: 'Nie oceniasz mnie. Nie jestem szalony.',
		uk: 'Ти мене не засуджуєш. Я не божевільний.'
	},
	'Je hoeft niet alles meteen op te lossen. Je staat naast me.': {
		ar: 'لا يجب أن تحل كل شيء فورًا. أنت بجانبي.',
		tr: 'Her şeyi hemen çözmek zorunda değilsin. Yanımdasın.',
		pl: 'Nie musisz od razu wszystkiego rozwiązywać. Jesteś obok mnie.',
		uk: 'Тобі не треба одразу все вирішувати. Ти поруч зі мною.'
	},
	'Serieus genomen worden': {
		ar: 'أن يأخذني الآخرون بجدية',
		tr: 'Ciddiye alınmak',
		pl: 'Gdy ktoś traktuje mnie poważnie',
		uk: 'Коли мене сприймають серйозно'
	},
	'Neem je mij serieus?': {
		ar: 'هل تأخذني بجدية؟',
		tr: 'Beni ciddiye alıyor musun?',
		pl: 'Czy traktujesz mnie poważnie?',
		uk: 'Чи сприймаєш ти мене серйозно?'
	},
	'Je doet iets met wat ik zeg.': {
		ar: 'تفعل شيئًا بما أقوله.',
		tr: 'Söylediklerimle bir şey yapıyorsun.',
		pl: 'Robisz coś z tym, co mówię.',
		uk: 'Ти щось робиш із тим, що я кажу.'
	},
	'Je durft mij ook kritische vragen te stellen.': {
		ar: 'تجرؤ أيضًا على أن تسألني أسئلة ناقدة.',
		tr: 'Bana eleştirel sorular sormaya da cesaret ediyorsun.',
		pl: 'Nie boisz się też zadawać mi krytycznych pytań.',
		uk: 'Ти не боїшся ставити мені й критичні питання.'
	},
	Zakelijkheid: { ar: 'الجدية في العمل', tr: 'İşe odaklanmak', pl: 'Rzeczowość', uk: 'Діловий підхід' },
	'Letten we op tijd en afspraken?': {
		ar: 'هل ننتبه إلى الوقت والاتفاقات؟',
		tr: 'Zamana ve anlaşmalara dikkat ediyor muyuz?',
		pl: 'Czy pilnujemy czasu i ustaleń?',
		uk: 'Чи стежимо ми за часом і домовленостями?'
	},
	'We hoeven geen vrienden te zijn.': {
		ar: 'لا يجب أن نكون أصدقاء.',
		tr: 'Arkadaş olmak zorunda değiliz.',
		pl: 'Nie musimy być przyjaciółmi.',
		uk: 'Нам не обов’язково бути друзями.'
	},
	'Je let op de tijd en op wat we gaan doen.': {
		ar: 'تنتبه إلى الوقت وإلى ما سنفعله.',
		tr: 'Zamana ve ne yapacağımıza dikkat ediyorsun.',
		pl: 'Pilnujesz czasu i tego, co będziemy robić.',
		uk: 'Ти стежиш за часом і за тим, що ми будемо робити.'
	},
	'Aan het eind vraag je: is alles duidelijk?': {
		ar: 'في النهاية تسأل: هل كل شيء واضح؟',
		tr: 'Sonunda soruyorsun: Her şey açık mı?',
		pl: 'Na końcu pytasz: czy wszystko jest jasne?',
		uk: 'Наприкінці ти питаєш: чи все зрозуміло?'
	},
	Deskundig: { ar: 'الخبرة', tr: 'Uzmanlık', pl: 'Fachowość', uk: 'Знання справи' },
	'Heb ik iets aan je advies?': {
		ar: 'هل تفيدني نصيحتك؟',
		tr: 'Tavsiyen bana yararlı mı?',
		pl: 'Czy twoja rada mi pomaga?',
		uk: 'Чи допомагає мені твоя порада?'
	},
	'Je advies is concreet. Ik kan er echt iets mee.': {
		ar: 'نصيحتك واضحة وعملية. أستطيع حقًا أن أستفيد منها.',
		tr: 'Tavsiyen somut. Gerçekten işime yarıyor.',
		pl: 'Twoja rada jest konkretna. Naprawdę mogę z niej skorzystać.',
		uk: 'Твоя порада конкретна. Я справді можу нею скористатися.'
	},
	'Je legt uit waarom jij of je organisatie iets zo doet.': {
		ar: 'تشرح لماذا تفعل أنت أو مؤسستك شيئًا بهذه الطريقة.',
		tr: 'Senin ya da kurumunun bir şeyi neden böyle yaptığını açıklıyorsun.',
		pl: 'Wyjaśniasz, dlaczego ty albo twoja organizacja robicie coś właśnie tak.',
		uk: 'Ти пояснюєш, чому ти або твоя організація робите щось саме так.'
	},
	Maatwerk: { ar: 'حلول تناسبني', tr: 'Bana özel çözüm', pl: 'Pomoc na miarę', uk: 'Допомога саме для мене' },
	'Zoeken we samen wat echt werkt voor mij?': {
		ar: 'هل نبحث معًا عمّا ينفعني حقًا؟',
		tr: 'Benim için gerçekten işe yarayanı birlikte arıyor muyuz?',
		pl: 'Czy razem szukamy tego, co naprawdę działa dla mnie?',
		uk: 'Чи шукаємо ми разом те, що справді мені підходить?'
	},
	'We kiezen samen een oplossing die past.': {
		ar: 'نختار معًا حلًا مناسبًا.',
		tr: 'Birlikte uygun bir çözüm seçiyoruz.',
		pl: 'Razem wybieramy rozwiązanie, które pasuje.',
		uk: 'Ми разом вибираємо рішення, яке підходить.'
	},
	'Je durft ook iets anders te doen dan normaal.': {
		ar: 'تجرؤ أيضًا على فعل شيء مختلف عن المعتاد.',
		tr: 'Alışılmışın dışında bir şey yapmaya da cesaret ediyorsun.',
		pl: 'Nie boisz się też zrobić czegoś inaczej niż zwykle.',
		uk: 'Ти не боїшся зробити щось інакше, ніж зазвичай.'
	},
	Continuïteit: { ar: 'الاستمرارية', tr: 'Süreklilik', pl: 'Ciągłość', uk: 'Постійність' },
	'Blijf jij mijn vaste begeleider?': {
		ar: 'هل ستبقى مرشدي الدائم؟',
		tr: 'Benim sabit danışmanım olarak kalacak mısın?',
		pl: 'Czy zostaniesz moim stałym opiekunem?',
		uk: 'Чи залишишся ти моїм постійним консультантом?'
	},
	'Niet steeds iemand anders.': {
		ar: 'ليس شخصًا مختلفًا كل مرة.',
		tr: 'Her seferinde başka biri değil.',
		pl: 'Nie za każdym razem ktoś inny.',
		uk: 'Не щоразу хтось інший.'
	},
	'Ik hoef mijn verhaal niet steeds opnieuw te vertellen.': {
		ar: 'لا يجب أن أحكي قصتي من جديد كل مرة.',
		tr: 'Hikâyemi tekrar tekrar anlatmak zorunda değilim.',
		pl: 'Nie muszę ciągle od nowa opowiadać swojej historii.',
		uk: 'Мені не треба знову й знову розповідати свою історію.'
	},
	'Je blijft erbij zolang het nodig is.': {
		ar: 'تبقى معي طالما كان ذلك ضروريًا.',
		tr: 'Gerektiği sürece yanımda kalıyorsun.',
		pl: 'Zostajesz ze mną, dopóki jest to potrzebne.',
		uk: 'Ти залишаєшся поруч, поки це потрібно.'
	},
	'Betrouwbaar en open': {
		ar: 'الثقة والصراحة',
		tr: 'Güvenilirlik ve açıklık',
		pl: 'Zaufanie i otwartość',
		uk: 'Надійність і відкритість'
	},
	'Weet ik waar ik aan toe ben met jou?': {
		ar: 'هل أعرف ما أتوقعه منك؟',
		tr: 'Senden ne bekleyeceğimi biliyor muyum?',
		pl: 'Czy wiem, czego mogę się po tobie spodziewać?',
		uk: 'Чи знаю я, чого від тебе чекати?'
	},
	'Je doet wat je zegt.': {
		ar: 'تفعل ما تقوله.',
		tr: 'Söylediğini yapıyorsun.',
		pl: 'Robisz to, co mówisz.',
		uk: 'Ти робиш те, що кажеш.'
	},
	'Je bent open over je rol.': {
		ar: 'أنت صريح بشأن دورك.',
		tr: 'Rolün hakkında açıksın.',
		pl: 'Mówisz otwarcie o swojej roli.',
		uk: 'Ти відкрито говориш про свою роль.'
	},
	'Soms praten we gewoon als mensen. Soms ben je de deskundige die advies geeft.': {
		ar: 'أحيانًا نتحدث ببساطة كأشخاص عاديين. وأحيانًا تكون أنت الخبير الذي يقدم النصيحة.',
		tr: 'Bazen sadece iki insan olarak konuşuyoruz. Bazen de tavsiye veren uzman sensin.',
		pl: 'Czasem rozmawiamy po prostu jak ludzie. Czasem jesteś ekspertem, który daje radę.',
		uk: 'Іноді ми просто говоримо як люди. Іноді ти — фахівець, який дає пораду.'
	}
};
