"""Sentences, headings and list items per language: the raw material of the generated documents.

Each language has hand-written, grammatical sentences about documents and measurement, so that the
generated pages look like prose to a layout engine (sentence lengths, punctuation, diacritics) and a
tool that drops or mangles a script is caught by the text metric.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageText:
    """What a document in one language is made of."""

    code: str
    sentences: tuple[str, ...]
    headings: tuple[str, ...]
    items: tuple[str, ...]
    captions: tuple[str, ...]
    space: str = " "  # between sentences; CJK scripts join sentences without a space


EN = LanguageText(
    "en",
    (
        "The survey collected measurements from twelve stations along the northern coast.",
        "Each station recorded the water temperature every hour for three consecutive years.",
        "Missing values were rare, and most of them followed short power failures in winter.",
        "We compare the hourly series with the monthly averages published by the national office.",
        "The difference between the two sources stays below half a degree in almost every month.",
        "A careful reader will notice that the spring months show the largest spread.",
        "This pattern agrees with earlier reports on the melting of coastal ice.",
        "All computations were repeated with an independent implementation written from scratch.",
        "The results of both implementations agree to the last printed digit.",
        "Further work should extend the network of stations to the southern islands.",
        "Readers who want to reproduce the figures can download the raw files from the archive.",
        "The method is simple, fast and does not depend on any proprietary software.",
        "Several colleagues commented on an early draft of this report.",
        "Their suggestions improved both the structure and the wording of the text.",
    ),
    (
        "Introduction",
        "Related work",
        "Data collection",
        "Methods",
        "Results",
        "Discussion",
        "Limitations",
        "Conclusion",
        "Calibration of the sensors",
        "Error analysis",
        "Future work",
        "Acknowledgements",
        "Seasonal effects",
        "Data cleaning",
    ),
    (
        "download the raw files",
        "check the station metadata",
        "remove duplicate records",
        "fill short gaps by interpolation",
        "compute monthly means",
        "compare with the reference series",
        "plot the residuals",
        "write the summary table",
    ),
    (
        "Hourly temperature at station four",
        "Monthly means compared with the reference",
        "Distribution of the residuals",
        "Map of the stations",
    ),
)

DE = LanguageText(
    "de",
    (
        "Die Messungen wurden über drei Jahre an zwölf Stationen entlang der Küste durchgeführt.",
        "Jede Station zeichnete stündlich die Wassertemperatur und den Luftdruck auf.",
        "Fehlende Werte waren selten und traten fast nur nach Stromausfällen im Winter auf.",
        "Wir vergleichen die stündlichen Reihen mit den monatlichen Mittelwerten des Wetterdienstes.",
        "Der Unterschied zwischen beiden Quellen bleibt in fast jedem Monat unter einem halben Grad.",
        "Auffällig ist die größere Streuung in den Frühlingsmonaten März, April und Mai.",
        "Dieses Muster stimmt mit früheren Berichten über das Schmelzen des Küsteneises überein.",
        "Alle Berechnungen wurden mit einer unabhängigen Implementierung wiederholt.",
        "Die Ergebnisse beider Programme stimmen bis zur letzten gedruckten Stelle überein.",
        "Künftige Arbeiten sollten das Messnetz auf die südlichen Inseln ausdehnen.",
        "Wer die Abbildungen nachrechnen möchte, findet die Rohdaten im öffentlichen Archiv.",
        "Das Verfahren ist einfach, schnell und benötigt keine proprietäre Software.",
    ),
    (
        "Einleitung",
        "Überblick über frühere Arbeiten",
        "Datenerhebung",
        "Methoden",
        "Ergebnisse",
        "Diskussion",
        "Einschränkungen",
        "Schlussfolgerungen",
        "Kalibrierung der Sensoren",
        "Fehlerabschätzung",
    ),
    (
        "Rohdaten herunterladen",
        "Metadaten der Stationen prüfen",
        "doppelte Einträge löschen",
        "kurze Lücken interpolieren",
        "Monatsmittel berechnen",
        "Ergebnisse grafisch darstellen",
    ),
    ("Stündliche Temperatur an Station vier", "Monatsmittel im Vergleich", "Verteilung der Abweichungen"),
)

FR = LanguageText(
    "fr",
    (
        "Les mesures ont été effectuées pendant trois ans dans douze stations côtières.",
        "Chaque station a enregistré la température de l’eau toutes les heures.",
        "Les valeurs manquantes étaient rares et suivaient presque toujours une panne d’électricité.",
        "Nous comparons les séries horaires aux moyennes mensuelles publiées par l’institut national.",
        "L’écart entre les deux sources reste inférieur à un demi-degré presque chaque mois.",
        "On remarque une dispersion plus forte au printemps, en particulier au début d’avril.",
        "Ce phénomène confirme les études antérieures sur la fonte des glaces côtières.",
        "Tous les calculs ont été répétés avec une implémentation indépendante.",
        "Les deux programmes donnent des résultats identiques jusqu’au dernier chiffre affiché.",
        "Les travaux futurs devront étendre le réseau aux îles du sud.",
        "Les données brutes sont disponibles dans l’archive publique du laboratoire.",
        "La méthode est simple, rapide et ne dépend d’aucun logiciel propriétaire.",
    ),
    (
        "Introduction générale",
        "Travaux antérieurs",
        "Collecte des données",
        "Méthodes",
        "Résultats",
        "Discussion",
        "Limites de l’étude",
        "Conclusion",
        "Étalonnage des capteurs",
        "Analyse des erreurs",
    ),
    (
        "télécharger les données brutes",
        "vérifier les métadonnées",
        "supprimer les doublons",
        "interpoler les lacunes brèves",
        "calculer les moyennes mensuelles",
        "tracer les résidus",
    ),
    ("Température horaire à la station quatre", "Moyennes mensuelles comparées", "Répartition des écarts"),
)

RU = LanguageText(
    "ru",
    (
        "Измерения проводились в течение трёх лет на двенадцати прибрежных станциях.",
        "Каждая станция ежечасно записывала температуру воды и атмосферное давление.",
        "Пропуски в данных были редки и почти всегда возникали после отключения электричества.",
        "Мы сравниваем часовые ряды со среднемесячными значениями национальной службы.",
        "Расхождение между двумя источниками почти каждый месяц остаётся меньше половины градуса.",
        "Наибольший разброс наблюдается весной, особенно в начале апреля.",
        "Эта закономерность согласуется с прежними работами о таянии прибрежного льда.",
        "Все расчёты были повторены с помощью независимой программы.",
        "Результаты обеих программ совпадают до последнего напечатанного знака.",
        "В дальнейшем сеть станций следует расширить на южные острова.",
        "Исходные файлы доступны в открытом архиве лаборатории.",
        "Метод прост, быстр и не требует закрытого программного обеспечения.",
    ),
    (
        "Введение",
        "Обзор литературы",
        "Сбор данных",
        "Методы",
        "Результаты",
        "Обсуждение",
        "Ограничения",
        "Заключение",
        "Калибровка датчиков",
        "Анализ ошибок",
    ),
    (
        "загрузить исходные файлы",
        "проверить описание станций",
        "удалить повторы",
        "заполнить короткие пропуски",
        "вычислить средние за месяц",
        "построить графики остатков",
    ),
    ("Часовая температура на четвёртой станции", "Сравнение среднемесячных значений"),
)

EL = LanguageText(
    "el",
    (
        "Οι μετρήσεις έγιναν για τρία χρόνια σε δώδεκα παράκτιους σταθμούς.",
        "Κάθε σταθμός κατέγραφε κάθε ώρα τη θερμοκρασία του νερού.",
        "Οι ελλείψεις δεδομένων ήταν σπάνιες και οφείλονταν κυρίως σε διακοπές ρεύματος.",
        "Συγκρίνουμε τις ωριαίες σειρές με τους μηνιαίους μέσους όρους της εθνικής υπηρεσίας.",
        "Η διαφορά μεταξύ των δύο πηγών μένει κάτω από μισό βαθμό σχεδόν κάθε μήνα.",
        "Η μεγαλύτερη διασπορά εμφανίζεται την άνοιξη, ιδίως στις αρχές Απριλίου.",
        "Το φαινόμενο συμφωνεί με παλαιότερες μελέτες για το λιώσιμο του πάγου.",
        "Όλοι οι υπολογισμοί επαναλήφθηκαν με ανεξάρτητο πρόγραμμα.",
        "Τα αποτελέσματα των δύο προγραμμάτων συμπίπτουν μέχρι το τελευταίο ψηφίο.",
        "Μελλοντικά το δίκτυο πρέπει να επεκταθεί στα νότια νησιά.",
        "Τα αρχικά αρχεία είναι διαθέσιμα στο δημόσιο αρχείο του εργαστηρίου.",
    ),
    (
        "Εισαγωγή",
        "Προηγούμενες εργασίες",
        "Συλλογή δεδομένων",
        "Μέθοδοι",
        "Αποτελέσματα",
        "Συζήτηση",
        "Περιορισμοί",
        "Συμπεράσματα",
        "Βαθμονόμηση αισθητήρων",
    ),
    (
        "λήψη των αρχικών αρχείων",
        "έλεγχος των σταθμών",
        "διαγραφή διπλών εγγραφών",
        "υπολογισμός μηνιαίων μέσων",
        "σχεδίαση των υπολοίπων",
    ),
    ("Ωριαία θερμοκρασία στον τέταρτο σταθμό", "Σύγκριση μηνιαίων μέσων όρων"),
)

ZH = LanguageText(
    "zh",
    (
        "我们在北部海岸的十二个观测站连续三年收集了测量数据。",
        "每个观测站每小时记录一次水温和气压。",
        "缺失值很少，而且大多发生在冬季短暂停电之后。",
        "我们将逐时序列与国家气象部门公布的月平均值进行比较。",
        "两种来源之间的差异几乎每个月都小于半度。",
        "春季各月的离散程度最大，尤其是在四月初。",
        "这一规律与以往关于沿岸海冰融化的报告相符。",
        "所有计算都用一个独立编写的程序重复了一遍。",
        "两个程序的结果一直到最后一位数字都完全一致。",
        "今后的工作应当把观测网络扩展到南部岛屿。",
        "原始文件可以从实验室的公开档案中下载。",
        "这种方法简单快速，并且不依赖任何专有软件。",
    ),
    ("引言", "相关工作", "数据收集", "研究方法", "实验结果", "讨论", "局限性", "结论", "传感器校准"),
    ("下载原始文件", "检查站点信息", "删除重复记录", "插补短时缺测", "计算月平均值", "绘制残差图"),
    ("第四站的逐时水温", "月平均值的比较"),
    space="",
)

JA = LanguageText(
    "ja",
    (
        "北部の海岸に沿った十二の観測所で三年間にわたり測定を行った。",
        "各観測所では一時間ごとに水温と気圧を記録した。",
        "欠測はまれであり、その多くは冬季の短い停電の後に生じた。",
        "毎時の系列を気象庁が公表している月平均値と比較する。",
        "両者の差はほぼすべての月で〇・五度未満にとどまる。",
        "ばらつきが最も大きいのは春、とくに四月の初めである。",
        "この傾向は沿岸の海氷の融解に関する以前の報告と一致する。",
        "すべての計算を独立に作成したプログラムで繰り返した。",
        "二つのプログラムの結果は最後の桁まで一致した。",
        "今後は観測網を南の島々へ広げる必要がある。",
        "元のファイルは研究室の公開アーカイブから入手できる。",
        "この方法は簡単で速く、商用ソフトウェアを必要としない。",
    ),
    ("はじめに", "関連研究", "データの収集", "方法", "結果", "考察", "制約", "まとめ", "センサーの較正"),
    ("元のファイルを取得する", "観測所の情報を確認する", "重複を削除する", "月平均を計算する", "残差を描く"),
    ("第四観測所の毎時の水温", "月平均値の比較"),
    space="",
)

AR = LanguageText(
    "ar",
    (
        "أجريت القياسات لمدة ثلاث سنوات في اثنتي عشرة محطة على الساحل الشمالي.",
        "سجلت كل محطة درجة حرارة الماء مرة كل ساعة.",
        "كانت القيم المفقودة نادرة وحدث معظمها بعد انقطاع قصير للكهرباء في الشتاء.",
        "نقارن السلاسل الساعية بالمتوسطات الشهرية التي نشرتها الهيئة الوطنية.",
        "يبقى الفرق بين المصدرين أقل من نصف درجة في كل شهر تقريبا.",
        "يظهر أكبر تشتت في أشهر الربيع ولا سيما في بداية نيسان.",
        "يتفق هذا النمط مع تقارير سابقة عن ذوبان الجليد الساحلي.",
        "أعيدت جميع الحسابات باستخدام برنامج مستقل.",
        "تتطابق نتائج البرنامجين حتى آخر رقم مطبوع.",
        "ينبغي في المستقبل توسيع شبكة المحطات لتشمل الجزر الجنوبية.",
    ),
    ("مقدمة", "الأعمال السابقة", "جمع البيانات", "الطريقة", "النتائج", "المناقشة", "الخاتمة"),
    ("تنزيل الملفات الأصلية", "التحقق من بيانات المحطات", "حذف السجلات المكررة", "حساب المتوسطات الشهرية"),
    ("درجة الحرارة في المحطة الرابعة", "مقارنة المتوسطات الشهرية"),
)

HE = LanguageText(
    "he",
    (
        "המדידות נערכו במשך שלוש שנים בשתים עשרה תחנות לאורך החוף הצפוני.",
        "כל תחנה רשמה את טמפרטורת המים פעם בשעה.",
        "ערכים חסרים היו נדירים ורובם הופיעו אחרי הפסקות חשמל קצרות בחורף.",
        "אנו משווים את הסדרות השעתיות לממוצעים החודשיים שפרסם השירות הלאומי.",
        "ההפרש בין שני המקורות נשאר קטן מחצי מעלה כמעט בכל חודש.",
        "הפיזור הגדול ביותר מופיע באביב ובמיוחד בתחילת אפריל.",
        "הדפוס הזה מתאים לדיווחים קודמים על הפשרת הקרח שליד החוף.",
        "כל החישובים חזרו על עצמם בעזרת תוכנה עצמאית.",
        "התוצאות של שתי התוכנות זהות עד הספרה האחרונה.",
        "בעתיד יש להרחיב את רשת התחנות אל האיים הדרומיים.",
    ),
    ("מבוא", "עבודות קודמות", "איסוף הנתונים", "שיטות", "תוצאות", "דיון", "סיכום"),
    ("להוריד את הקבצים המקוריים", "לבדוק את פרטי התחנות", "למחוק רשומות כפולות", "לחשב ממוצעים חודשיים"),
    ("הטמפרטורה בתחנה הרביעית", "השוואת הממוצעים החודשיים"),
)

LANGUAGES: dict[str, LanguageText] = {t.code: t for t in (EN, DE, FR, RU, EL, ZH, JA, AR, HE)}
