/**
 * Given names that are one name written in different romanisations: the Ukrainian form, the
 * Russian form of the same name, and the spellings English-language media and pollsters use. A
 * file that says "Dmitry Razumkov" means the stored "Dmytro Razumkov" (Дмитро / Дмитрий), so
 * the importer matches such names automatically when the surname is the same (see suggest.ts).
 *
 * Where it comes from: compiled by hand for Trustline from the rules of Ukraine's official
 * romanisation (Cabinet of Ministers resolution No. 55 of 27 January 2010: Дмитро → Dmytro,
 * Ігор → Ihor, Юрій → Yurii), the BGN/PCGN romanisation of Russian (Дмитрий → Dmitriy, Евгений →
 * Yevgeniy), the passport and ISO-9-like variants both countries used before (Mykhaylo, Serhiy,
 * Yuriy) and the spellings common in English-language news (Dmitry, Sergei, Alexander). Each
 * group is one given name; the Cyrillic spellings are there so that a file in either script
 * finds it. Only names that are the same name across the two languages are grouped (Dmytro and
 * Dmitry), never translations into another language (Pavlo and Paul), and never diminutives
 * (Oleksandr and Sasha): those stay suggestions for the editor to confirm.
 *
 * Spellings are compared by their folded key ($lib/names: foldedKey), so each group need not list
 * every ending (Yurii, Yuriy and Yurij fold together); the lists are generous anyway.
 */
export const GIVEN_NAME_VARIANTS: readonly (readonly string[])[] = [
	// Men's names
	[
		'Oleksandr',
		'Olexandr',
		'Aleksandr',
		'Alexandr',
		'Alexander',
		'Aleksander',
		'Олександр',
		'Александр'
	],
	[
		'Oleksii',
		'Oleksiy',
		'Olexiy',
		'Oleksij',
		'Aleksei',
		'Alexei',
		'Aleksey',
		'Alexey',
		'Alexej',
		'Олексій',
		'Алексей'
	],
	['Andrii', 'Andriy', 'Andrij', 'Andrei', 'Andrey', 'Andrej', 'Андрій', 'Андрей'],
	['Anatolii', 'Anatoliy', 'Anatoly', 'Anatoli', 'Анатолій', 'Анатолий'],
	['Arsenii', 'Arseniy', 'Arseny', 'Арсеній', 'Арсений'],
	['Artem', 'Artyom', 'Artiom', 'Артем', 'Артём'],
	['Bohdan', 'Bogdan', 'Богдан'],
	['Borys', 'Boris', 'Борис'],
	['Danylo', 'Danilo', 'Daniil', 'Danila', 'Данило', 'Даниил', 'Данила'],
	['Denys', 'Denis', 'Денис'],
	['Dmytro', 'Dmitro', 'Dmitry', 'Dmitri', 'Dmitriy', 'Dmitrii', 'Dmitrij', 'Дмитро', 'Дмитрий'],
	['Fedir', 'Fedor', 'Fyodor', 'Fiodor', 'Федір', 'Фёдор', 'Федор'],
	['Hennadii', 'Hennadiy', 'Gennadiy', 'Gennady', 'Gennadii', 'Геннадій', 'Геннадий'],
	['Heorhii', 'Heorhiy', 'Georgiy', 'Georgy', 'Georgii', 'Георгій', 'Георгий'],
	['Hlib', 'Gleb', 'Гліб', 'Глеб'],
	['Hryhorii', 'Hryhoriy', 'Grigoriy', 'Grigory', 'Grigorii', 'Григорій', 'Григорий'],
	['Ihor', 'Igor', 'Ігор', 'Игорь'],
	['Illia', 'Illya', 'Ilya', 'Ilia', 'Ілля', 'Илья'],
	['Kostiantyn', 'Kostyantyn', 'Kostiantin', 'Konstantin', 'Костянтин', 'Константин'],
	['Kyrylo', 'Kirilo', 'Kirill', 'Kiril', 'Kyrill', 'Кирило', 'Кирилл'],
	['Maksym', 'Maksim', 'Maxim', 'Максим'],
	['Matvii', 'Matviy', 'Matvey', 'Matvei', 'Матвій', 'Матвей'],
	['Mykhailo', 'Mykhaylo', 'Mykhajlo', 'Mikhailo', 'Mikhail', 'Mihail', 'Михайло', 'Михаил'],
	['Mykola', 'Mikola', 'Nikolai', 'Nikolay', 'Nikolaj', 'Микола', 'Николай'],
	['Mykyta', 'Mikita', 'Nikita', 'Микита', 'Никита'],
	['Myroslav', 'Miroslav', 'Мирослав'],
	['Oleh', 'Oleg', 'Олег'],
	['Pavlo', 'Pavel', 'Павло', 'Павел'],
	['Petro', 'Pyotr', 'Petr', 'Piotr', 'Петро', 'Пётр', 'Петр'],
	['Pylyp', 'Filipp', 'Filip', 'Пилип', 'Филипп'],
	['Rostyslav', 'Rostislav', 'Ростислав'],
	['Semen', 'Semyon', 'Semion', 'Семен', 'Семён'],
	[
		'Serhii',
		'Serhiy',
		'Serhij',
		'Sergii',
		'Sergiy',
		'Sergey',
		'Sergei',
		'Serguei',
		'Сергій',
		'Сергей'
	],
	['Sviatoslav', 'Svyatoslav', 'Святослав'],
	['Tymofii', 'Tymofiy', 'Timofey', 'Timofei', 'Тимофій', 'Тимофей'],
	['Tymur', 'Timur', 'Тимур'],
	['Vadym', 'Vadim', 'Вадим'],
	['Valerii', 'Valeriy', 'Valeri', 'Valery', 'Валерій', 'Валерий'],
	['Vasyl', 'Vasil', 'Vasiliy', 'Vasily', 'Vasilii', 'Vassily', 'Василь', 'Василий'],
	['Viktor', 'Victor', 'Віктор', 'Виктор'],
	['Vitalii', 'Vitaliy', 'Vitali', 'Vitaly', 'Віталій', 'Виталий'],
	['Volodymyr', 'Volodimir', 'Vladimir', 'Wladimir', 'Володимир', 'Владимир'],
	['Yakiv', 'Yakov', 'Iakov', 'Яків', 'Яков'],
	['Yaroslav', 'Iaroslav', 'Jaroslav', 'Ярослав'],
	['Yehor', 'Iehor', 'Yegor', 'Egor', 'Єгор', 'Егор'],
	[
		'Yevhen',
		'Yevhenii',
		'Yevheniy',
		'Ievgen',
		'Ievgenii',
		'Yevgen',
		'Evgen',
		'Yevgeny',
		'Yevgeniy',
		'Yevgenii',
		'Evgeny',
		'Evgeniy',
		'Evgenii',
		'Євген',
		'Євгеній',
		'Евгений'
	],
	['Yosyp', 'Iosif', 'Josyp', 'Йосип', 'Иосиф'],
	['Yurii', 'Yuriy', 'Yuri', 'Yury', 'Iurii', 'Yurij', 'Jurij', 'Юрій', 'Юрий'],
	// Women's names
	['Dariia', 'Dariya', 'Daria', 'Darya', 'Дарія', 'Дарья'],
	['Halyna', 'Galyna', 'Galina', 'Галина'],
	['Hanna', 'Ganna', 'Anna', 'Ганна', 'Анна'],
	['Iryna', 'Irina', 'Ірина', 'Ирина'],
	['Kateryna', 'Katerina', 'Yekaterina', 'Ekaterina', 'Катерина', 'Екатерина'],
	['Kseniia', 'Kseniya', 'Ksenia', 'Ксенія', 'Ксения'],
	['Liliia', 'Liliya', 'Lilia', 'Лілія', 'Лилия'],
	['Liudmyla', 'Lyudmyla', 'Lyudmila', 'Ludmila', 'Людмила'],
	['Mariia', 'Mariya', 'Maria', 'Марія', 'Мария'],
	['Nadiia', 'Nadiya', 'Nadezhda', 'Надія', 'Надежда'],
	['Nataliia', 'Nataliya', 'Natalia', 'Natalya', 'Наталія', 'Наталья'],
	['Oleksandra', 'Olexandra', 'Aleksandra', 'Alexandra', 'Олександра', 'Александра'],
	['Olena', 'Elena', 'Yelena', 'Олена', 'Елена'],
	['Olha', 'Olga', 'Ольга'],
	['Sofiia', 'Sofiya', 'Sofia', 'Софія', 'София'],
	['Svitlana', 'Svetlana', 'Світлана', 'Светлана'],
	['Tetiana', 'Tetyana', 'Tatiana', 'Tatyana', 'Тетяна', 'Татьяна'],
	['Viktoriia', 'Viktoriya', 'Viktoria', 'Victoria', 'Вікторія', 'Виктория'],
	['Vira', 'Vera', 'Віра', 'Вера'],
	['Yevheniia', 'Yevgeniya', 'Evgenia', 'Evgeniya', 'Євгенія', 'Евгения'],
	['Yuliia', 'Yulia', 'Yuliya', 'Iuliia', 'Yulija', 'Юлія', 'Юлия']
];
