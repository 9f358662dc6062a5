"""Vocabularies for generated articles: clean, plausible news prose in twelve languages.

Every sentence here was written for cleanse's tests (none is copied from a real
article). Sentences are built as ``subject + predicate (+ ending) + stop``: subjects
are chosen so the predicates agree with all of them (singular where verbs inflect,
masculine where past tenses carry gender, oblique forms before Hindi ``ने``). Slots in
predicates: ``{n}`` a round number, ``{pct}`` a percentage, ``{year}``, ``{place}``.

The text is clean by construction, so that passing it through a pipeline unchanged
(law L6) means something: single spaces, no trailing spaces, no doubled punctuation,
and each language's own typography — French no-break spaces before ``: ; ! ? %`` and
inside « », German „…“, CJK full-width punctuation, Hindi ``।``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGUAGES", "VOCABULARIES", "Vocabulary"]

NBSP = "\u00a0"
NNBSP = "\u202f"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words one language's generated articles are made of."""

    language: str
    script: str
    subjects: tuple[str, ...]
    predicates: tuple[str, ...]
    #: Optional sentence endings appended to a predicate ("" included), e.g. " on Monday".
    endings: tuple[str, ...]
    places: tuple[str, ...]
    people: tuple[str, ...]
    #: Words said, without the final stop; an attribution template wraps them.
    quotes: tuple[str, ...]
    #: Templates with ``{quote}`` and ``{person}``; each is a whole sentence.
    attributions: tuple[str, ...]
    #: Sentences that introduce a list (ending with the language's colon).
    list_intros: tuple[str, ...]
    items: tuple[str, ...]
    months: tuple[str, ...]
    #: ``{day}``, ``{month}`` (name), ``{mon}`` (number), ``{year}``.
    date: str
    byline: str
    #: Dateline opening the first paragraph, e.g. ``"{PLACE} — "`` (empty: none).
    dateline: str
    stop: str = "."
    gap: str = " "
    thousands: str = ","
    decimal: str = "."
    percent: str = "{x}%"
    bullets: tuple[str, ...] = ("- ", "• ")
    #: The subject-predicate joint ("" for languages written without spaces).
    joint: str = " "


_EN = Vocabulary(
    language="en",
    script="Latin",
    subjects=(
        "The city council", "The health ministry", "The regional government",
        "A group of local farmers", "The central bank", "The national rail operator",
        "A research team at the state university", "The opposition party",
        "The U.S. Department of Energy", "The residents' association of the old harbour",
        "The school board", "A coalition of environmental groups",
    ),
    predicates=(
        "approved a budget of {n} million dollars for new housing",
        "announced plans to expand bus services in {place}",
        "warned that food prices could rise by {pct} this year",
        "published a report on air quality in {place}",
        "agreed to review the rules on short-term rentals",
        "said the new bridge would open in {year}",
        "asked the courts to delay the vote until the spring",
        "opened an inquiry into delays at the main hospital",
        "raised its growth forecast to {pct}",
        "signed a deal to build {n} homes on the edge of {place}",
        "rejected claims that the project had gone over budget",
        "hired {n} extra inspectors to check the water pipes",
    ),
    endings=(" on Monday", " on Thursday", " last week", " earlier this month",
             " after a long debate", "", ""),
    places=("Riverton", "the northern valley", "Lakeside", "the old town", "Port Ellis",
            "the coastal region"),
    people=("Maria Lopez", "James Okafor", "Helen Zhang", "David Miller", "Sarah Cohen",
            "Tom Price"),
    quotes=(
        "We have waited too long for this decision", "The numbers speak for themselves",
        "Nobody expected the costs to grow so fast", "This is a good day for the whole region",
        "We will keep listening to the people who live here",
        "It is too early to say what went wrong",
    ),
    attributions=("“{quote},” said {person}.", "“{quote},” {person} told reporters.",
                  "{person} said: “{quote}.”"),
    list_intros=("The plan includes the following measures:",
                 "Officials listed several priorities:"),
    items=("new cycle lanes on the main avenue", "longer opening hours for public libraries",
           "free school meals for {n} children", "a review of parking fees",
           "repairs to the harbour wall", "more frequent night buses"),
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    date="{month} {day}, {year}",
    byline="By {person}",
    dateline="{PLACE} — ",
)

_FR = Vocabulary(
    language="fr",
    script="Latin",
    subjects=(
        "Le conseil municipal", "Le ministère de la Santé", "Le gouvernement régional",
        "Un groupe d’agriculteurs", "La banque centrale", "La compagnie ferroviaire nationale",
        "Une équipe de chercheurs de l’université", "Le principal parti d’opposition",
        "L’association des habitants du vieux port", "Le syndicat des enseignants",
        "Une coalition d’associations écologistes", "La préfecture",
    ),
    predicates=(
        "a approuvé un budget de {n} millions d’euros pour le logement",
        "a annoncé l’extension des lignes de bus à {place}",
        "a averti que les prix alimentaires pourraient augmenter de {pct} cette année",
        "a publié un rapport sur la qualité de l’air à {place}",
        "a accepté de revoir les règles sur les locations de courte durée",
        "a assuré que le nouveau pont ouvrira en {year}",
        "a demandé au tribunal de reporter le vote au printemps",
        "a ouvert une enquête sur les retards à l’hôpital principal",
        "a relevé sa prévision de croissance à {pct}",
        "a signé un accord pour construire {n} logements près de {place}",
        "a rejeté les critiques sur le dépassement du budget",
        "a recruté {n} inspecteurs supplémentaires pour contrôler les canalisations",
    ),
    endings=(" lundi", " jeudi", " la semaine dernière", " en début de mois",
             " après un long débat", "", ""),
    places=("Rivebelle", "Saint-Aurèle", "Montclar", "la vallée du Nord", "Port-Lanne",
            "la côte atlantique"),
    people=("Jean Martin", "Claire Dubois", "Nicolas Lefèvre", "Sophie Garnier",
            "Julien Moreau", "Camille Roux"),
    quotes=(
        "Nous attendions cette décision depuis trop longtemps",
        "Les chiffres parlent d’eux-mêmes",
        "Personne n’imaginait que les coûts augmenteraient aussi vite",
        "C’est une bonne journée pour toute la région",
        "Nous continuerons d’écouter les habitants",
        "Il est trop tôt pour dire ce qui n’a pas fonctionné",
    ),
    attributions=(f"«{NBSP}{{quote}}{NBSP}», a déclaré {{person}}.",
                  f"«{NBSP}{{quote}}{NBSP}», a expliqué {{person}} aux journalistes.",
                  f"Selon {{person}}, «{NBSP}{{quote}}{NBSP}»."),
    list_intros=(f"Le plan comprend plusieurs mesures{NBSP}:",
                 f"Les élus ont fixé trois priorités{NBSP}:"),
    items=("de nouvelles pistes cyclables sur l’avenue principale",
           "des horaires élargis pour les bibliothèques",
           "des repas gratuits pour {n} écoliers", "une révision des tarifs de stationnement",
           "la réparation de la digue du port", "des bus de nuit plus fréquents"),
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"),
    date="{day} {month} {year}",
    byline="Par {person}",
    dateline="",
    thousands=NNBSP,
    decimal=",",
    percent=f"{{x}}{NBSP}%",
)

_DE = Vocabulary(
    language="de",
    script="Latin",
    subjects=(
        "Der Stadtrat", "Das Gesundheitsministerium", "Die Landesregierung",
        "Eine Gruppe von Landwirten", "Die Zentralbank", "Die staatliche Bahngesellschaft",
        "Ein Forschungsteam der Universität", "Die größte Oppositionspartei",
        "Die Bürgerinitiative am alten Hafen", "Der Lehrerverband",
        "Ein Bündnis von Umweltverbänden", "Das Landratsamt",
    ),
    predicates=(
        "hat einen Haushalt von {n} Millionen Euro für neue Wohnungen beschlossen",
        "hat angekündigt, die Busverbindungen in {place} auszubauen",
        "hat gewarnt, dass die Lebensmittelpreise in diesem Jahr um {pct} steigen könnten",
        "hat einen Bericht über die Luftqualität in {place} veröffentlicht",
        "will die Regeln für Ferienwohnungen überprüfen",
        "erwartet, dass die neue Brücke im Jahr {year} eröffnet wird",
        "hat das Gericht gebeten, die Abstimmung zu verschieben",
        "hat eine Untersuchung zu den Verzögerungen im Klinikum eingeleitet",
        "hat die Wachstumsprognose auf {pct} angehoben",
        "hat einen Vertrag über den Bau von {n} Wohnungen in {place} unterzeichnet",
        "hat Berichte über steigende Kosten zurückgewiesen",
        "hat {n} zusätzliche Kontrolleure für die Wasserleitungen eingestellt",
    ),
    endings=("",),
    places=("Flussheim", "Seedorf", "Bergstadt", "der Altstadt", "Neuhafen", "Ostfriesland"),
    people=("Anna Becker", "Thomas Weber", "Julia Hoffmann", "Stefan Wagner", "Laura Schulz",
            "Markus Fischer"),
    quotes=(
        "Wir haben viel zu lange auf diese Entscheidung gewartet",
        "Die Zahlen sprechen für sich", "Niemand hat erwartet, dass die Kosten so schnell steigen",
        "Das ist ein guter Tag für die ganze Region",
        "Wir werden den Menschen vor Ort weiter zuhören",
        "Es ist zu früh, um zu sagen, was schiefgelaufen ist",
    ),
    attributions=("„{quote}“, sagte {person}.", "„{quote}“, erklärte {person} am Abend.",
                  "{person} sagte: „{quote}.“"),
    list_intros=("Der Plan sieht mehrere Maßnahmen vor:",
                 "Die Verwaltung nannte drei Schwerpunkte:"),
    items=("neue Radwege an der Hauptstraße", "längere Öffnungszeiten der Bibliotheken",
           "kostenloses Mittagessen für {n} Schulkinder", "eine Prüfung der Parkgebühren",
           "die Sanierung der Hafenmauer", "häufigere Nachtbusse"),
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember"),
    date="{day}. {month} {year}",
    byline="Von {person}",
    dateline="",
    thousands=".",
    decimal=",",
    percent="{x} Prozent",
)

_ES = Vocabulary(
    language="es",
    script="Latin",
    subjects=(
        "El ayuntamiento", "El Ministerio de Sanidad", "El gobierno regional",
        "Un grupo de agricultores", "El banco central", "La compañía ferroviaria nacional",
        "Un equipo de investigadores de la universidad", "El principal partido de la oposición",
        "La asociación de vecinos del puerto", "El sindicato de profesores",
        "Una coalición de grupos ecologistas", "La delegación del gobierno",
    ),
    predicates=(
        "aprobó un presupuesto de {n} millones de euros para vivienda",
        "anunció la ampliación de las líneas de autobús en {place}",
        "advirtió que los precios de los alimentos podrían subir un {pct} este año",
        "publicó un informe sobre la calidad del aire en {place}",
        "acordó revisar las normas sobre los pisos turísticos",
        "aseguró que el nuevo puente se abrirá en {year}",
        "pidió a los tribunales que aplacen la votación hasta la primavera",
        "abrió una investigación sobre los retrasos en el hospital",
        "elevó su previsión de crecimiento al {pct}",
        "firmó un acuerdo para construir {n} viviendas cerca de {place}",
        "rechazó las críticas por el sobrecoste del proyecto",
        "contrató a {n} inspectores más para revisar las tuberías",
    ),
    endings=(" el lunes", " el jueves", " la semana pasada", " a principios de mes",
             " tras un largo debate", "", ""),
    places=("Villarreal del Río", "San Telmo", "la comarca del norte", "Puerto Alto",
            "el casco antiguo", "la costa"),
    people=("Carmen Ruiz", "Javier Moreno", "Lucía Navarro", "Pablo Herrera", "Elena Castro",
            "Andrés Romero"),
    quotes=(
        "Llevábamos demasiado tiempo esperando esta decisión",
        "Las cifras hablan por sí solas",
        "Nadie esperaba que los costes crecieran tan rápido",
        "Es un buen día para toda la región", "¿Quién va a pagar todo esto?",
        "Es demasiado pronto para saber qué falló",
    ),
    attributions=("«{quote}», dijo {person}.", "«{quote}», afirmó {person} ante los periodistas.",
                  "{person} explicó: «{quote}»."),
    list_intros=("El plan incluye varias medidas:", "El gobierno fijó tres prioridades:"),
    items=("nuevos carriles bici en la avenida principal",
           "horarios más amplios en las bibliotecas", "comedor gratuito para {n} alumnos",
           "una revisión de las tarifas de aparcamiento", "la reparación del muelle",
           "más autobuses nocturnos"),
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"),
    date="{day} de {month} de {year}",
    byline="Por {person}",
    dateline="{PLACE}. — ",
    thousands=".",
    decimal=",",
)

_PT = Vocabulary(
    language="pt",
    script="Latin",
    subjects=(
        "A prefeitura", "O Ministério da Saúde", "O governo estadual",
        "Um grupo de agricultores", "O Banco Central", "A companhia ferroviária nacional",
        "Uma equipe de pesquisadores da universidade", "O principal partido de oposição",
        "A associação de moradores do porto", "O sindicato dos professores",
        "Uma coalizão de grupos ambientalistas", "A Câmara Municipal",
    ),
    predicates=(
        "aprovou um orçamento de R$ {n} milhões para habitação",
        "anunciou a ampliação das linhas de ônibus em {place}",
        "alertou que os preços dos alimentos podem subir {pct} neste ano",
        "publicou um relatório sobre a qualidade do ar em {place}",
        "decidiu rever as regras para aluguéis de temporada",
        "afirmou que a nova ponte será inaugurada em {year}",
        "pediu à Justiça que adie a votação",
        "abriu uma investigação sobre os atrasos no hospital",
        "elevou sua previsão de crescimento para {pct}",
        "assinou um acordo para construir {n} moradias perto de {place}",
        "negou que o projeto tenha estourado o orçamento",
        "contratou {n} fiscais para vistoriar a rede de água",
    ),
    endings=(" na segunda-feira", " na quinta-feira", " na semana passada",
             " no início do mês", " após um longo debate", "", ""),
    places=("Ribeirão Claro", "Vila Nova", "Porto Alegre do Sul", "o litoral norte",
            "a região serrana", "o centro histórico"),
    people=("João Silva", "Ana Souza", "Carlos Pereira", "Mariana Costa", "Rafael Almeida",
            "Beatriz Lima"),
    quotes=(
        "Esperamos tempo demais por essa decisão", "Os números falam por si",
        "Ninguém esperava que os custos subissem tão rápido",
        "É um bom dia para toda a região", "Vamos continuar ouvindo os moradores",
        "Ainda é cedo para dizer o que deu errado",
    ),
    attributions=("“{quote}”, disse {person}.", "“{quote}”, afirmou {person} a jornalistas.",
                  "Segundo {person}, “{quote}”."),
    list_intros=("O plano inclui as seguintes medidas:", "A prefeitura listou três prioridades:"),
    items=("novas ciclovias na avenida principal", "horário ampliado nas bibliotecas",
           "merenda gratuita para {n} alunos", "uma revisão das tarifas de estacionamento",
           "o reparo do cais", "mais ônibus noturnos"),
    months=("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
            "setembro", "outubro", "novembro", "dezembro"),
    date="{day} de {month} de {year}",
    byline="Por {person}",
    dateline="",
    thousands=".",
    decimal=",",
)

_IT = Vocabulary(
    language="it",
    script="Latin",
    subjects=(
        "Il consiglio comunale", "Il ministero della Salute", "La giunta regionale",
        "Un gruppo di agricoltori", "La banca centrale", "La società ferroviaria nazionale",
        "Un gruppo di ricercatori dell’università", "Il principale partito di opposizione",
        "Il comitato dei residenti del porto", "Il sindacato degli insegnanti",
        "Una coalizione di associazioni ambientaliste", "La prefettura",
    ),
    predicates=(
        "ha approvato un bilancio di {n} milioni di euro per la casa",
        "ha annunciato il potenziamento delle linee di autobus a {place}",
        "ha avvertito che i prezzi alimentari potrebbero salire del {pct} quest’anno",
        "ha pubblicato un rapporto sulla qualità dell’aria a {place}",
        "ha deciso di rivedere le regole sugli affitti brevi",
        "ha assicurato che il nuovo ponte aprirà nel {year}",
        "ha chiesto al tribunale di rinviare il voto",
        "ha avviato un’indagine sui ritardi dell’ospedale",
        "ha alzato la stima di crescita al {pct}",
        "ha firmato un accordo per costruire {n} alloggi vicino a {place}",
        "ha respinto le accuse di aver superato il budget",
        "ha assunto {n} ispettori in più per controllare le tubature",
    ),
    endings=(" lunedì", " giovedì", " la settimana scorsa", " all’inizio del mese",
             " dopo un lungo dibattito", "", ""),
    places=("Borgo San Vito", "Castelfiume", "Montealto", "Porto Azzurro del Nord",
            "la valle settentrionale", "il centro storico"),
    people=("Marco Rossi", "Giulia Bianchi", "Luca Romano", "Francesca Greco", "Paolo Ricci",
            "Chiara Conti"),
    quotes=(
        "Aspettavamo questa decisione da troppo tempo", "I numeri parlano da soli",
        "Nessuno si aspettava che i costi crescessero così in fretta",
        "È una bella giornata per tutta la regione", "Continueremo ad ascoltare i cittadini",
        "È troppo presto per dire cosa non ha funzionato",
    ),
    attributions=("«{quote}», ha detto {person}.",
                  "«{quote}», ha spiegato {person} ai giornalisti.",
                  "{person} ha dichiarato: «{quote}»."),
    list_intros=("Il piano prevede diverse misure:", "La giunta ha indicato tre priorità:"),
    items=("nuove piste ciclabili sul viale principale", "orari più lunghi per le biblioteche",
           "mensa gratuita per {n} alunni", "una revisione delle tariffe dei parcheggi",
           "il restauro del molo", "più autobus notturni"),
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
            "settembre", "ottobre", "novembre", "dicembre"),
    date="{day} {month} {year}",
    byline="di {person}",
    dateline="",
    thousands=".",
    decimal=",",
)

_ID = Vocabulary(
    language="id",
    script="Latin",
    subjects=(
        "Pemerintah kota", "Kementerian Kesehatan", "Pemerintah provinsi", "Sekelompok petani",
        "Bank sentral", "Perusahaan kereta api nasional", "Tim peneliti dari universitas negeri",
        "Partai oposisi", "Warga kawasan pelabuhan lama", "Serikat guru",
        "Koalisi kelompok lingkungan", "Dinas perhubungan",
    ),
    predicates=(
        "menyetujui anggaran sebesar Rp {n} miliar untuk perumahan",
        "mengumumkan rencana menambah rute bus di {place}",
        "memperingatkan bahwa harga pangan bisa naik {pct} tahun ini",
        "menerbitkan laporan tentang kualitas udara di {place}",
        "sepakat meninjau aturan sewa rumah harian",
        "mengatakan jembatan baru akan dibuka pada {year}",
        "meminta pengadilan menunda pemungutan suara",
        "membuka penyelidikan atas keterlambatan di rumah sakit",
        "menaikkan proyeksi pertumbuhan menjadi {pct}",
        "menandatangani kesepakatan untuk membangun {n} rumah di {place}",
        "membantah bahwa proyek itu melebihi anggaran",
        "merekrut {n} petugas tambahan untuk memeriksa pipa air",
    ),
    endings=(" pada hari Senin", " pada hari Kamis", " pekan lalu", " awal bulan ini",
             " setelah perdebatan panjang", "", ""),
    places=("Sungai Jernih", "Tanjung Harapan", "Kota Lama", "lembah utara", "pesisir selatan",
            "Bukit Indah"),
    people=("Budi Santoso", "Siti Rahmawati", "Agus Setiawan", "Dewi Lestari", "Rudi Hartono",
            "Nur Aini"),
    quotes=(
        "Kami sudah terlalu lama menunggu keputusan ini", "Angka-angka itu berbicara sendiri",
        "Tidak ada yang menyangka biayanya naik secepat ini",
        "Ini hari yang baik untuk seluruh daerah", "Kami akan terus mendengarkan warga",
        "Masih terlalu dini untuk mengatakan apa yang salah",
    ),
    attributions=("\"{quote},\" kata {person}.", "\"{quote},\" ujar {person} kepada wartawan.",
                  "Menurut {person}, \"{quote}.\""),
    list_intros=("Rencana itu mencakup beberapa langkah:", "Pemerintah menetapkan tiga prioritas:"),
    items=("jalur sepeda baru di jalan utama", "jam buka perpustakaan yang lebih panjang",
           "makan siang gratis untuk {n} siswa", "peninjauan tarif parkir",
           "perbaikan dinding pelabuhan", "bus malam yang lebih sering"),
    months=("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember"),
    date="{day} {month} {year}",
    byline="Oleh {person}",
    dateline="{PLACE} - ",
    thousands=".",
    decimal=",",
    percent="{x} persen",
)

_RU = Vocabulary(
    language="ru",
    script="Cyrillic",
    subjects=(
        "Городской совет", "Минздрав", "Региональный парламент", "Союз фермеров",
        "Центральный банк", "Национальный железнодорожный оператор",
        "Научный коллектив университета", "Оппозиционный блок",
        "Комитет жителей старого порта", "Профсоюз учителей", "Экологический альянс",
        "Губернатор области",
    ),
    predicates=(
        "утвердил бюджет в размере {n} млн рублей на строительство жилья",
        "объявил о расширении автобусных маршрутов в {place}",
        "предупредил, что цены на продукты могут вырасти на {pct} в этом году",
        "опубликовал доклад о качестве воздуха в {place}",
        "решил пересмотреть правила краткосрочной аренды",
        "заявил, что новый мост откроется в {year} году",
        "попросил суд отложить голосование до весны",
        "начал проверку задержек в областной больнице",
        "повысил прогноз роста экономики до {pct}",
        "подписал соглашение о строительстве {n} квартир в {place}",
        "отверг обвинения в превышении сметы",
        "нанял {n} дополнительных инспекторов для проверки водопровода",
    ),
    endings=(" в понедельник", " в четверг", " на прошлой неделе", " в начале месяца",
             " после долгих обсуждений", "", ""),
    places=("Приморске", "Заречном районе", "Старом городе", "Озёрске", "Северной долине",
            "Новоречинске"),
    people=("Иван Петров", "Сергей Ковалёв", "Андрей Смирнов", "Михаил Орлов", "Дмитрий Волков",
            "Алексей Зайцев"),
    quotes=(
        "Мы слишком долго ждали этого решения", "Цифры говорят сами за себя",
        "Никто не ожидал, что расходы вырастут так быстро",
        "Это хороший день для всего региона", "Мы продолжим слушать жителей",
        "Пока рано говорить, что пошло не так",
    ),
    attributions=("«{quote}», — сказал {person}.", "«{quote}», — заявил журналистам {person}.",
                  "{person} отметил: «{quote}»."),
    list_intros=("План включает несколько мер:", "Власти назвали три приоритета:"),
    items=("новые велодорожки на главном проспекте", "продление работы библиотек",
           "бесплатное питание для {n} школьников", "пересмотр тарифов на парковку",
           "ремонт портовой стены", "больше ночных автобусов"),
    months=("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
            "сентября", "октября", "ноября", "декабря"),
    date="{day} {month} {year} года",
    byline="Автор: {person}",
    dateline="",
    thousands=NBSP,
    decimal=",",
)

_AR = Vocabulary(
    language="ar",
    script="Arabic",
    subjects=(
        "المجلس البلدي", "وزير الصحة", "البنك المركزي", "الاتحاد العام للمزارعين",
        "المتحدث باسم الحكومة", "فريق الباحثين في الجامعة", "حزب المعارضة",
        "مجلس إدارة الميناء", "اتحاد المعلمين", "المحافظ",
    ),
    predicates=(
        "أعلن عن خطة لتوسيع خطوط الحافلات في {place}",
        "وافق على ميزانية قدرها {n} مليون دولار للإسكان",
        "حذر من أن أسعار الغذاء قد ترتفع بنسبة {pct} هذا العام",
        "نشر تقريرا عن جودة الهواء في {place}",
        "قرر مراجعة القواعد الخاصة بالإيجار القصير",
        "أكد أن الجسر الجديد سيفتتح في عام {year}",
        "طلب من المحكمة تأجيل التصويت حتى الربيع",
        "فتح تحقيقا في التأخير الذي يشهده المستشفى الرئيسي",
        "رفع توقعاته للنمو إلى {pct}",
        "وقع اتفاقا لبناء {n} وحدة سكنية في {place}",
        "نفى أن يكون المشروع قد تجاوز الميزانية",
        "قدم خطة لإنشاء مسارات جديدة للدراجات",
    ),
    endings=(" يوم الاثنين", " يوم الخميس", " الأسبوع الماضي", " في بداية الشهر", "", ""),
    places=("المدينة القديمة", "الإسكندرية", "المنطقة الشمالية", "الميناء الجديد",
            "الساحل الغربي", "وادي النخيل"),
    people=("أحمد حسن", "محمد علي", "خالد إبراهيم", "يوسف سالم", "عمر فاروق", "سامي نور"),
    quotes=(
        "انتظرنا هذا القرار وقتا طويلا", "الأرقام تتحدث عن نفسها",
        "لم يتوقع أحد أن ترتفع التكاليف بهذه السرعة", "هذا يوم جيد للمنطقة كلها",
        "سنواصل الاستماع إلى السكان", "من المبكر معرفة ما الذي حدث",
    ),
    attributions=("وقال {person}: «{quote}».", "وأضاف {person} للصحفيين: «{quote}»."),
    list_intros=("وتشمل الخطة عدة إجراءات:", "وحددت السلطات ثلاث أولويات:"),
    items=("مسارات جديدة للدراجات في الشارع الرئيسي", "ساعات عمل أطول للمكتبات العامة",
           "وجبات مجانية لـ{n} طالب", "مراجعة رسوم المواقف", "إصلاح جدار الميناء",
           "حافلات ليلية أكثر"),
    months=("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر"),
    date="{day} {month} {year}",
    byline="بقلم {person}",
    dateline="",
)

_HI = Vocabulary(
    language="hi",
    script="Devanagari",
    subjects=(
        "नगर निगम", "स्वास्थ्य मंत्रालय", "राज्य सरकार", "किसानों के एक समूह", "केंद्रीय बैंक",
        "राष्ट्रीय रेल कंपनी", "विश्वविद्यालय के शोधकर्ताओं", "विपक्षी दल",
        "बंदरगाह क्षेत्र के निवासियों", "शिक्षक संघ",
    ),
    predicates=(
        "ने आवास के लिए {n} करोड़ रुपये के बजट को मंजूरी दी",
        "ने {place} में बस सेवाओं के विस्तार की घोषणा की",
        "ने चेतावनी दी कि इस साल खाद्य कीमतें {pct} तक बढ़ सकती हैं",
        "ने {place} में हवा की गुणवत्ता पर एक रिपोर्ट जारी की",
        "ने अल्पकालिक किराये के नियमों की समीक्षा करने का फैसला किया",
        "ने कहा कि नया पुल {year} में खुलेगा",
        "ने अदालत से मतदान टालने का अनुरोध किया",
        "ने अस्पताल में हो रही देरी की जांच शुरू की",
        "ने विकास दर का अनुमान बढ़ाकर {pct} कर दिया",
        "ने {place} में {n} घर बनाने के समझौते पर हस्ताक्षर किए",
        "ने परियोजना का बजट बढ़ने के दावों को खारिज किया",
        "ने पानी की पाइपों की जांच के लिए {n} अतिरिक्त निरीक्षक नियुक्त किए",
    ),
    endings=("",),
    places=("पुराने शहर", "उत्तरी घाटी", "तटीय इलाके", "नए बंदरगाह", "पश्चिमी जिले",
            "नदी किनारे के इलाके"),
    people=("राहुल शर्मा", "प्रिया वर्मा", "अमित सिंह", "सुनीता पटेल", "विकास गुप्ता",
            "नेहा जोशी"),
    quotes=(
        "हम इस फैसले का बहुत लंबे समय से इंतजार कर रहे थे", "आंकड़े खुद सब कुछ कहते हैं",
        "किसी ने नहीं सोचा था कि लागत इतनी तेजी से बढ़ेगी", "यह पूरे क्षेत्र के लिए अच्छा दिन है",
        "हम निवासियों की बात सुनते रहेंगे", "अभी यह कहना जल्दबाजी होगी कि क्या गलत हुआ",
    ),
    attributions=("{person} ने कहा, \"{quote}।\"", "{person} ने पत्रकारों से कहा कि {quote}।"),
    list_intros=("योजना में कई कदम शामिल हैं:", "अधिकारियों ने तीन प्राथमिकताएं बताईं:"),
    items=("मुख्य सड़क पर नई साइकिल लेन", "पुस्तकालयों के लिए लंबा समय",
           "{n} बच्चों के लिए मुफ्त भोजन", "पार्किंग शुल्क की समीक्षा", "बंदरगाह की दीवार की मरम्मत",
           "ज्यादा रात्रि बसें"),
    months=("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
            "अक्टूबर", "नवंबर", "दिसंबर"),
    date="{day} {month} {year}",
    byline="लेखक: {person}",
    dateline="",
    stop="।",
    percent="{x} प्रतिशत",
)

_ZH = Vocabulary(
    language="zh",
    script="Han",
    subjects=(
        "市议会", "卫生部", "省政府", "一群当地农民", "中央银行", "国家铁路公司", "大学研究团队",
        "反对党", "老港区居民", "教师工会", "环保组织联盟", "交通局",
    ),
    predicates=(
        "批准了{n}万元的住房预算", "宣布将扩大{place}的公交服务", "警告今年食品价格可能上涨{pct}",
        "发布了关于{place}空气质量的报告", "同意重新审查短租规定", "表示新大桥将于{year}年通车",
        "要求法院推迟投票", "对医院的延误问题展开调查", "把经济增长预期上调至{pct}",
        "签署协议在{place}建设{n}套住房", "否认该项目超出预算", "新招聘了{n}名检查员检查供水管道",
    ),
    endings=("",),
    places=("老城区", "北部山谷", "沿海地区", "新港", "西区", "河东新区"),
    people=("王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆"),
    quotes=(
        "我们等这个决定已经等了太久", "数字本身就说明了问题", "没有人想到成本会涨得这么快",
        "这对整个地区来说是个好消息", "我们会继续倾听居民的意见", "现在说哪里出了问题还为时过早",
    ),
    attributions=("{person}说：“{quote}。”", "{person}对记者表示，{quote}。"),
    list_intros=("该计划包括以下措施：", "官员列出了三项重点工作："),
    items=("在主干道新建自行车道", "延长公共图书馆开放时间", "为{n}名学生提供免费午餐",
           "重新审查停车收费", "修复港口防波堤", "增加夜间公交班次"),
    months=("一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月",
            "十一月", "十二月"),
    date="{year}年{mon}月{day}日",
    byline="记者 {person}",
    dateline="",
    stop="。",
    gap="",
    thousands="",
    bullets=("• ",),
    joint="",
)

_JA = Vocabulary(
    language="ja",
    script="Japanese",
    subjects=(
        "市議会は", "厚生労働省は", "県は", "地元の農家グループは", "中央銀行は", "国営鉄道会社は",
        "大学の研究チームは", "野党は", "旧港地区の住民は", "教職員組合は", "環境団体の連合は",
        "交通局は",
    ),
    predicates=(
        "住宅予算として{n}万円を承認した", "{place}でバス路線を拡大すると発表した",
        "今年は食品価格が{pct}上昇する可能性があると警告した",
        "{place}の大気の質に関する報告書を公表した",
        "短期賃貸の規則を見直すことで合意した", "新しい橋が{year}年に開通すると述べた",
        "裁判所に投票の延期を求めた", "病院での遅れについて調査を始めた",
        "成長率の見通しを{pct}に引き上げた",
        "{place}に住宅{n}戸を建設する協定に署名した", "事業費が予算を超えたとの指摘を否定した",
        "水道管を点検するため検査員を{n}人増員した",
    ),
    endings=("",),
    places=("旧市街", "北部の谷", "沿岸部", "新港", "西地区", "川沿いの地域"),
    people=("田中", "佐藤", "鈴木", "高橋", "渡辺", "伊藤"),
    quotes=(
        "この決定をずっと待っていた", "数字がすべてを物語っている",
        "費用がこれほど早く増えるとは誰も思わなかった", "地域全体にとって良い日だ",
        "これからも住民の声に耳を傾ける", "何が問題だったのかを言うのはまだ早い",
    ),
    attributions=("{person}さんは「{quote}」と話した。",
                  "{person}氏は記者団に「{quote}」と述べた。"),
    list_intros=("計画には次の対策が含まれる。", "当局は三つの優先課題を挙げた。"),
    items=("大通りへの新しい自転車道", "図書館の開館時間の延長", "児童{n}人への無料給食",
           "駐車料金の見直し", "港の護岸の修理", "夜行バスの増便"),
    months=("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月",
            "12月"),
    date="{year}年{mon}月{day}日",
    byline="{person}記者",
    dateline="",
    stop="。",
    gap="",
    thousands="",
    bullets=("・",),
    joint="",
)

#: Every vocabulary, by ISO 639-1 code.
VOCABULARIES: dict[str, Vocabulary] = {
    v.language: v for v in (_EN, _FR, _DE, _ES, _PT, _IT, _ID, _RU, _AR, _HI, _ZH, _JA)
}
#: The languages generated articles can be written in.
LANGUAGES: tuple[str, ...] = tuple(VOCABULARIES)
