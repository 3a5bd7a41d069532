#!/usr/bin/env python3
"""Generate a synthetic, deterministic corpus of news-style articles for benchmarks.

Every article is assembled from a small grammar: ~245 sentence templates over 15
event types plus quotes, background, reactions and non-political filler, filled
with 150 real countries (capitals, adjectives), invented people with titles,
invented towns, dates and numbers.  The text is invented; it only has to *parse*
like news so that the cost of running the pipeline over it is representative.

Output: JSON Lines with ``id``, ``title``, ``text``, ``published``, ``url``,
``outlet``.  Article ``i`` depends only on ``(seed, i)``, so a larger ``--n``
extends a smaller corpus instead of changing it.

    python benchmarks/make_corpus.py --n 600 --seed 13 --out benchmarks/corpus/articles.jsonl
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "corpus" / "articles.jsonl"
TARGET_WORDS = 700
MIN_WORDS, MAX_WORDS = int(TARGET_WORDS * 0.8), int(TARGET_WORDS * 1.2)

# name:capital:adjective ("the" belongs to the name where English uses it)
COUNTRIES = [tuple(c.split(":")) for c in """
Afghanistan:Kabul:Afghan;Albania:Tirana:Albanian;Algeria:Algiers:Algerian;Angola:Luanda:Angolan;Argentina:Buenos Aires:Argentine
Armenia:Yerevan:Armenian;Australia:Canberra:Australian;Austria:Vienna:Austrian;Azerbaijan:Baku:Azerbaijani;Bahrain:Manama:Bahraini
Bangladesh:Dhaka:Bangladeshi;Belarus:Minsk:Belarusian;Belgium:Brussels:Belgian;Benin:Porto-Novo:Beninese;Bolivia:La Paz:Bolivian
Bosnia and Herzegovina:Sarajevo:Bosnian;Botswana:Gaborone:Botswanan;Brazil:Brasilia:Brazilian;Bulgaria:Sofia:Bulgarian
Burkina Faso:Ouagadougou:Burkinabe;Burundi:Gitega:Burundian;Cambodia:Phnom Penh:Cambodian;Cameroon:Yaounde:Cameroonian
Canada:Ottawa:Canadian;Chad:N'Djamena:Chadian;Chile:Santiago:Chilean;China:Beijing:Chinese;Colombia:Bogota:Colombian
Costa Rica:San Jose:Costa Rican;Croatia:Zagreb:Croatian;Cuba:Havana:Cuban;Cyprus:Nicosia:Cypriot;the Czech Republic:Prague:Czech
the Democratic Republic of Congo:Kinshasa:Congolese;Denmark:Copenhagen:Danish;Djibouti:Djibouti:Djiboutian;Ecuador:Quito:Ecuadorian
the Dominican Republic:Santo Domingo:Dominican;Egypt:Cairo:Egyptian;El Salvador:San Salvador:Salvadoran;Eritrea:Asmara:Eritrean
Estonia:Tallinn:Estonian;Ethiopia:Addis Ababa:Ethiopian;Finland:Helsinki:Finnish;France:Paris:French;Gabon:Libreville:Gabonese
Georgia:Tbilisi:Georgian;Germany:Berlin:German;Ghana:Accra:Ghanaian;Greece:Athens:Greek;Guatemala:Guatemala City:Guatemalan
Guinea:Conakry:Guinean;Haiti:Port-au-Prince:Haitian;Honduras:Tegucigalpa:Honduran;Hungary:Budapest:Hungarian;Iceland:Reykjavik:Icelandic
India:New Delhi:Indian;Indonesia:Jakarta:Indonesian;Iran:Tehran:Iranian;Iraq:Baghdad:Iraqi;Ireland:Dublin:Irish;Israel:Jerusalem:Israeli
Italy:Rome:Italian;Ivory Coast:Yamoussoukro:Ivorian;Jamaica:Kingston:Jamaican;Japan:Tokyo:Japanese;Jordan:Amman:Jordanian
Kazakhstan:Astana:Kazakh;Kenya:Nairobi:Kenyan;Kosovo:Pristina:Kosovar;Kuwait:Kuwait City:Kuwaiti;Kyrgyzstan:Bishkek:Kyrgyz;Laos:Vientiane:Lao
Latvia:Riga:Latvian;Lebanon:Beirut:Lebanese;Liberia:Monrovia:Liberian;Libya:Tripoli:Libyan;Lithuania:Vilnius:Lithuanian
Madagascar:Antananarivo:Malagasy;Malawi:Lilongwe:Malawian;Malaysia:Kuala Lumpur:Malaysian;Mali:Bamako:Malian;Mauritania:Nouakchott:Mauritanian
Mexico:Mexico City:Mexican;Moldova:Chisinau:Moldovan;Mongolia:Ulaanbaatar:Mongolian;Montenegro:Podgorica:Montenegrin;Morocco:Rabat:Moroccan
Mozambique:Maputo:Mozambican;Myanmar:Naypyitaw:Myanmar;Namibia:Windhoek:Namibian;Nepal:Kathmandu:Nepali;the Netherlands:Amsterdam:Dutch
New Zealand:Wellington:New Zealand;Nicaragua:Managua:Nicaraguan;Niger:Niamey:Nigerien;Nigeria:Abuja:Nigerian;North Korea:Pyongyang:North Korean
North Macedonia:Skopje:North Macedonian;Norway:Oslo:Norwegian;Oman:Muscat:Omani;Pakistan:Islamabad:Pakistani;Panama:Panama City:Panamanian
Papua New Guinea:Port Moresby:Papua New Guinean;Paraguay:Asuncion:Paraguayan;Peru:Lima:Peruvian;the Philippines:Manila:Philippine
Poland:Warsaw:Polish;Portugal:Lisbon:Portuguese;Qatar:Doha:Qatari;Romania:Bucharest:Romanian;Russia:Moscow:Russian;Rwanda:Kigali:Rwandan
Saudi Arabia:Riyadh:Saudi;Senegal:Dakar:Senegalese;Serbia:Belgrade:Serbian;Sierra Leone:Freetown:Sierra Leonean;Singapore:Singapore:Singaporean
Slovakia:Bratislava:Slovak;Slovenia:Ljubljana:Slovenian;Somalia:Mogadishu:Somali;South Africa:Pretoria:South African;South Korea:Seoul:South Korean
South Sudan:Juba:South Sudanese;Spain:Madrid:Spanish;Sri Lanka:Colombo:Sri Lankan;Sudan:Khartoum:Sudanese;Sweden:Stockholm:Swedish
Switzerland:Bern:Swiss;Syria:Damascus:Syrian;Taiwan:Taipei:Taiwanese;Tajikistan:Dushanbe:Tajik;Tanzania:Dodoma:Tanzanian;Thailand:Bangkok:Thai
Togo:Lome:Togolese;Tunisia:Tunis:Tunisian;Turkey:Ankara:Turkish;Turkmenistan:Ashgabat:Turkmen;Uganda:Kampala:Ugandan;Ukraine:Kyiv:Ukrainian
the United Arab Emirates:Abu Dhabi:Emirati;the United Kingdom:London:British;the United States:Washington:American;Uruguay:Montevideo:Uruguayan
Uzbekistan:Tashkent:Uzbek;Venezuela:Caracas:Venezuelan;Vietnam:Hanoi:Vietnamese;Yemen:Sanaa:Yemeni;Zambia:Lusaka:Zambian;Zimbabwe:Harare:Zimbabwean
""".replace("\n", ";").split(";") if c]

FIRST_M = ("Tomas Ahmed Ivan Kwame Rafael Hiroshi Omar Lars Diego Mehmet Arjun Pavel Samuel Karim Nikolai Joao Wei Yusuf Andrei "
           "Emeka Luis Stefan Farid Daniel Kofi Mateo Anil Viktor Hassan Jonas Bakhyt Marco Tendai Sergei Ali Felipe Minh").split()
FIRST_F = ("Amina Elena Priya Sofia Leila Ingrid Mariam Yuki Grace Ana Fatima Olga Nadia Chiara Zainab Lucia Mei Aisha Irina "
           "Camila Esther Hana Dilnoza Marta Noura Adaeze Katarzyna Rosa Salma Nour Tamar Beatriz Lina Akosua").split()
SURNAMES = ("Otieno Kowalski Haddad Silva Petrenko Tanaka Mensah Rahman Novak Okafor Lindqvist Moreau Castillo Yilmaz Sharma Ivanova "
            "Nguyen Abdullah Mwangi Rossi Park Jansen Kaya Fernandes Popescu Bakr Dlamini Horvath Suleiman Morales Osei Varga Karimov "
            "Chen Banda Aziz Kuznetsov Mendes Tembo Gashi Hoxha Rashidov Ortega Nakamura Salazar Boateng Farouk Reyes Dimitrov Adeyemi "
            "Hakimi Lungu Petrovic Sato Quispe Eriksen Mahmoud Zhang Kamara Toure Ibrahim Sorensen Delgado Wanjiru Said Keita").split()
SYL_A = "Kar Nov Bel Tash Mir Os Dun Sel Ar Vel Kol Zar Bran Ost Mar Lun Tor Ham Sab Kel Rud Ben".split()
SYL_B = "abad ovo grad pur ville ar ino sk ani ema oka dor ton esh ia bek ara ul ira ovka".split()
OUTLETS = [("The Meridian Ledger", "meridian-ledger"), ("Harbour Post", "harbourpost"), ("Continental Wire", "continental-wire"),
           ("The Daily Observer", "daily-observer"), ("Frontline Dispatch", "frontline-dispatch"), ("Global Affairs Today", "gatoday"),
           ("The Evening Courier", "evening-courier"), ("Pan-Regional News", "panregional"), ("The Northern Record", "northern-record")]
ORGS = [("the United Nations", "the UN secretary-general", "the UN"), ("the European Union", "the EU foreign policy chief", "the EU"),
        ("the African Union", "the African Union Commission chairperson", "the AU"), ("NATO", "the NATO secretary general", "NATO"),
        ("the Organization of American States", "the OAS secretary general", "the OAS"), ("ASEAN", "the ASEAN secretary-general", "ASEAN"),
        ("the Arab League", "the Arab League secretary-general", "the Arab League"), ("the Red Cross", "the regional head of the Red Cross", "the Red Cross"),
        ("the World Food Programme", "the WFP country director", "the WFP"), ("the OSCE", "the OSCE chairperson", "the OSCE")]
PARTIES = ["the National Renewal Party", "the Democratic Alliance", "the People's Progressive Front", "the Union for Change",
           "the Labour and Justice Party", "the Green Movement", "the Liberal Forum", "the Patriotic Bloc", "the Social Democratic League"]
SENIOR = ["president", "prime minister"]
JUNIOR = ["foreign minister", "defence minister", "interior minister", "trade minister", "finance minister", "energy minister",
          "justice minister", "national security adviser", "government spokesperson", "army chief of staff", "deputy foreign minister"]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
NUMWORDS = "two three four five six seven eight nine ten eleven twelve".split()

# Sections: "@type.part", then one template per line (" || " separates short ones).  {KEY} slots, [a|b|c] alternatives.
TEMPLATES = """
@meeting.head
{Aadj} and {Badj} leaders meet in {Acap} as [trade|security|border|energy] tensions linger || {A1S} and {B1S} hold talks on [energy|security|migration|trade] cooperation
{A} and {B} pledge closer ties after [rare|first|long-awaited] summit || What did {A1S} and {B1S} agree in {Acap}?
@meeting.lead
{A1F} met {B1F} in {Acap} {when}, the first meeting between leaders of the two countries in {n2} years, and both sides pledged to deepen cooperation on [energy|security|trade|farming].
{A1T} held talks with {B1T} {when} on the sidelines of a regional summit, according to a statement released by {A1Q} office.
Senior officials from {A} and {B} met behind closed doors in {Ccap} {when} in an attempt to ease tensions that have built up since {month}.
@meeting.body
The two leaders discussed [border security|energy supplies|the conflict in the region|migration|investment in ports and railways], officials said, and agreed to set up a working group that would report back within {n2} months.
{B1S}, who arrived in {Acap} on {day} [evening|morning], was received at the airport by {A2T} and a guard of honour.
According to a readout published by the {Aadj} foreign ministry, the talks were "frank and constructive", a phrase that diplomats often use when serious disagreements remain.
Neither leader took questions from reporters after the meeting, which lasted almost {hours} hours, longer than had been scheduled.
"We did not agree on everything, but we agreed to keep talking, and that matters," {B2F} said after the session.
The meeting had been postponed twice this year, first because of a dispute over the agenda and then because of [flooding|an election|a cabinet reshuffle] in {B}.
A joint statement issued at the end of the talks said the two governments would hold regular consultations at the level of foreign ministers.
Officials close to the talks said that {A} had pressed for faster progress on [a free trade deal|visa rules|a gas pipeline|the release of detained citizens], while {B} wanted firmer guarantees on security.
{A1S} invited {B1S} to pay a return visit to {Acap} next year, and the invitation was accepted, according to the joint statement.
The leaders did not discuss the disputed islands, a {Badj} official said, because neither side wanted the issue to overshadow the meeting.
@visit.head
{A1S} to visit {B} next month in first trip since [taking office|the elections|the ceasefire] || {Aadj} leader arrives in {Bcap} for {n2}-day state visit
{B} rolls out red carpet for visiting {Aadj} {A1t} || Will {A1S}'s trip to {Bcap} thaw a frozen relationship?
@visit.lead
{A1F} arrived in {Bcap} {when} for a {n2}-day state visit that officials in both countries described as a turning point in relations.
{A1T} will travel to {B} in {month}, {A1Q} office announced {when}, in what would be the first visit by a {Aadj} leader to the country in more than a decade.
@visit.body
During the visit {A1S} is expected to address the {Badj} parliament and to tour a [port|power station|factory|university] built with {Aadj} money.
The programme includes a meeting with {B1F} and a dinner with business leaders, according to a schedule released by {A2T}.
Security in central {Bcap} was tightened ahead of the visit, and several roads near the presidential palace were closed to traffic.
It was not immediately clear whether {A1S} would also meet members of the {Badj} opposition, who had asked for a meeting.
The trip was originally planned for last year but was called off after a row over [fishing rights|a detained journalist|a disputed border crossing|remarks made by a minister].
{B1S} is expected to make a return visit to {Acap} before the end of the year, a {Badj} official said, speaking on condition of anonymity because the plans had not been announced.
A large delegation of {Aadj} business leaders, most of them from the energy and construction sectors, is travelling with {A1S}.
@statement.head
{A} [accuses|criticises|warns] {B} over [border incidents|remarks by officials|military drills|treatment of minorities]
{Aadj} ministry says {B} [must explain|is responsible for|should stop] [recent incidents|provocations|violations]
@statement.lead
{A} accused {B} {when} of [violating its airspace|interfering in its internal affairs|mistreating its citizens|stirring up unrest along the border], in a sharply worded statement issued by the foreign ministry in {Acap}.
{A2F} said {when} that {Acap} would "not stay silent" about what {A2P} called repeated provocations by {B}.
@statement.body
The statement, which was read out on state television, demanded an explanation from {Bcap} and warned that {A} "reserves the right to respond".
{B} rejected the accusations as baseless and said {A} was trying to distract attention from its own problems at home.
A spokesperson for the {Badj} foreign ministry said the allegations were "entirely without foundation" and that no {Badj} aircraft had entered {Aadj} airspace.
The {Badj} ambassador was summoned to the foreign ministry in {Acap} on {day} and handed a formal note of protest.
{A2S} did not say what steps {Acap} might take, but {A2P} said all options remained on the table.
The exchange is the latest in a series of public disputes between the two governments, which have traded accusations since {year}.
Officials in {Bcap} praised the restraint shown by their own forces and said {B} would not be drawn into a war of words.
@appeal.head
{O} urges {A} and {B} to show restraint || {Aadj} opposition calls for international help as crisis deepens
{OS} appeals for calm after [clashes|unrest|violence] in {A}
@appeal.lead
{OH} called on {A} and {B} {when} to exercise restraint and to resolve their differences through dialogue.
{A} appealed to {O} {when} for urgent help, saying it could no longer cope with [the number of refugees|the damage caused by floods|the outbreak of cholera] on its own.
@appeal.body
"Any further escalation would be a disaster for the people of both countries," {OH} said in a statement issued in {Ccap}.
{C} also urged both governments to return to negotiations, and offered to host talks in {Ccap} if the two sides agreed.
{A2F} asked donor countries to release funds that had been promised last year but never delivered.
Aid agencies warned that the appeal could go unanswered because donors are already stretched by crises elsewhere.
The call for restraint was echoed by {C2T}, who said {Ccap} was "deeply concerned" by the latest developments.
The {Badj} government did not respond to the appeal, but state media accused foreign powers of meddling.
Religious leaders in {A} joined the appeal for calm, urging young people to stay off the streets.
Without more money, {OS} said, it would have to cut food rations for {nbig} people by the end of {month}.
@agreement.head
{A} and {B} sign [trade|security|energy|migration] agreement || Landmark deal signed in {Ccap} between {A} and {B}
{A} and {B} agree to [resume flights|reopen border crossings|share intelligence|cut tariffs]
@agreement.lead
{A} and {B} signed an agreement {when} to [expand trade|cooperate on energy|share intelligence on armed groups|reopen their border to trucks], ending months of negotiations.
{A2F} and {B2F} signed a memorandum of understanding in {Ccap} {when} that officials said would [double trade within five years|allow direct flights between the two capitals|ease visa rules for students].
@agreement.body
Under the agreement, which still has to be approved by parliament in {A}, tariffs on more than {n} products will be removed over {n2} years.
The deal was signed in the presence of {OH}, whose office helped to broker it.
Officials said the two countries could sign a further agreement on [energy|fisheries|the border|security] as early as {month}.
Critics in {B} said the agreement had been negotiated in secret and did not protect local farmers.
"This agreement shows that patient diplomacy still works," {C2F} said, praising both governments.
Details of the agreement were not made public, but a copy seen by reporters showed that {A} had agreed to pay {money} over ten years.
The signing ceremony was delayed by almost {hours} hours while negotiators argued over the wording of one clause.
@aid.head
{A} sends humanitarian aid to [flood|earthquake|drought|conflict]-hit {B} || {A} pledges {money} to help {B} rebuild
{O} delivers food to {Badj} families displaced by [fighting|floods|drought]
@aid.lead
{A} sent {n} tonnes of food, medicine and tents to {B} {when} to help families who lost their homes in [last week's earthquake|the floods|months of fighting].
{O} said {when} that it had delivered aid to more than {nbig} people in {B}, but warned that funding was running out.
{A1T} announced {when} that {Acap} would give {money} in emergency assistance to {B}, the largest single pledge so far.
@aid.body
The first planes landed at the airport in {Bcap} on {day}, and the supplies were handed over to {B2T} in a short ceremony.
A further shipment, which is being carried by sea, is expected to arrive by the end of {month}.
Aid workers said that roads to the worst-hit areas around {town} had been cut off, making it hard to distribute supplies.
"People have lost everything; they need shelter before the cold season begins," {W} told reporters.
{B} thanked {A} for its help and said it hoped other countries would follow its example.
The aid was welcomed by {OH}, who said more than {pct} of the population would need assistance this year.
Some of the supplies were stolen or sold on local markets, according to a report that was published by an independent monitoring group.
@sanctions.head
{A} imposes sanctions on {Badj} [officials|banks|companies|military leaders] || {A} tightens sanctions on {B}; {Bcap} vows to retaliate
New {Aadj} sanctions target {Badj} [oil exports|shipping firms|defence industry] || Can sanctions change {B}'s course?
@sanctions.lead
{A} imposed sanctions {when} on {n2} {Badj} [officials|companies|banks|generals] it accused of [human rights abuses|helping to evade an arms embargo|corruption|cyberattacks on {Aadj} institutions].
The {Aadj} government announced new sanctions against {B} {when}, freezing the assets of {n} people and banning exports of [dual-use goods|aircraft parts|luxury items|electronic components].
@sanctions.body
The measures freeze any assets the targets hold in {A} and bar {Aadj} citizens and companies from doing business with them.
{B} condemned the sanctions as illegal and threatened to retaliate against {Aadj} companies operating in the country.
The {Badj} foreign ministry denied the accusations and said the measures would only hurt ordinary people.
"Sanctions have never changed our policy, and they will not change it now," {B2F} said in {Bcap}.
Analysts said the new sanctions could have little practical effect, because most of the companies named have no assets abroad.
The sanctions were coordinated with {C}, which announced similar measures on the same day.
{A2T} said further measures were being prepared and could be announced within weeks if {Bcap} did not change course.
@expulsion.head
{A} expels {Badj} ambassador over [spying|interference|remarks by officials] row || {B} recalls envoy from {Acap} as diplomatic row deepens
{A} orders {n2} {Badj} diplomats to leave within 72 hours
@expulsion.lead
{A} ordered the {Badj} ambassador to leave the country within 72 hours {when}, accusing {Bcap} of [interfering in its elections|spying on exiled dissidents|supporting armed groups|insulting its leadership].
{A} expelled {n2} {Badj} diplomats {when}, saying they had carried out activities "incompatible with their diplomatic status".
@expulsion.body
{B} said it would respond in kind and recalled its own ambassador from {Acap} for consultations.
The {Badj} embassy in {Acap} said it had not been given any evidence to support the accusations.
It is the first time since {year} that {A} has expelled a foreign ambassador, according to local media.
{A2F} told parliament that relations with {B} had been "seriously damaged" but that {Acap} did not want to break them off altogether.
The expulsions followed the arrest earlier this month of a {Aadj} official who was accused of passing documents to {Badj} intelligence.
{A} also closed the {Badj} consulate in {town} and stopped issuing visas to {Badj} citizens until further notice.
Diplomats said the move had been expected since {month}, when a {Badj} diplomat was briefly detained near a military base outside {town}.
@protest.head
Thousands protest in {Acap} against [fuel price rises|a new tax law|election results|corruption] || Police use tear gas on protesters in {A}
Protests spread across {A} as anger over [food prices|job losses|a disputed vote] grows
@protest.lead
Thousands of people marched through central {Acap} {when} to protest against [a rise in fuel prices|a proposed tax law|the results of last month's election|corruption in the government].
Police in {A} fired tear gas and water cannon {when} to disperse demonstrators who had gathered outside the parliament in {Acap}.
@protest.body
Protesters carried banners and chanted slogans calling for the resignation of {A1T}, witnesses said.
Hospital officials said {n2} people had been injured, including several police officers who were hit by stones.
"We are not afraid any more; we want a future for our children," said {W}.
The protest, which had been organised by trade unions and student groups, was largely peaceful until late in the afternoon.
{A2F} said the police had acted lawfully and blamed "a small group of troublemakers" for the violence.
Organisers said they would hold another march on {day} and urged supporters across the country to join them.
Similar protests were reported in {town} and {town}, where shops and schools were closed.
@arrest.head
{Aadj} police arrest opposition leader ahead of [vote|rally|trial] || Dozens detained in {A} after [protests|raids|a crackdown on dissent]
{Aadj} journalist detained on [spying|terrorism|fraud] charges
@arrest.lead
Police in {A} arrested {n} people {when} during raids on the homes of opposition activists in {Acap} and {town}.
{Aadj} security forces detained a prominent opposition leader {when}, hours before [a planned rally|the start of the election campaign|a court hearing].
@arrest.body
The arrests were condemned by rights groups, which accused the government of trying to silence its critics.
{A2T} said those detained were suspected of planning violence and would be brought before a judge within {n2} days.
Lawyers for the detainees said they had not been allowed to see their clients.
{O} called for the immediate release of everyone who had been detained for peaceful political activity.
"Arresting people for what they say is not the act of a confident government," {B2T} said, urging {Acap} to free the prisoners.
Most of those held were released on {day} without charge, but at least {n2} remained in custody, according to their families.
@attack.head
Gunmen kill {n2} in attack on [village|market|army post|police station] in {Aadj} province of {province} || Suicide bombing kills {n2} in {Acap}
Armed group claims attack on {Aadj} [convoy|base|checkpoint]
@attack.lead
Gunmen attacked [a village|a busy market|an army post|a police station] in the {Aadj} province of {province} {when}, killing at least {n2} people, local officials said.
At least {n2} people were killed and {n} wounded {when} when a bomb exploded near a government building in {Acap}, police said.
@attack.body
No group immediately claimed responsibility for the attack, which came {n2} days after a similar assault on a nearby town.
{A1T} condemned the attack and ordered security forces to hunt down those responsible.
Witnesses said the attackers arrived on motorcycles and set fire to houses before fleeing into the forest.
The attack was condemned by {OH}, who urged the government to protect civilians.
The army said it had killed {n2} of the attackers in a counter-operation launched the following morning.
Residents of {town} said they had asked the authorities for more protection after receiving threats in {month}.
{B} offered its condolences and said it was ready to help {A} track down the people who had planned the attack.
@clash.head
{Aadj} and {Badj} troops clash on [disputed|shared] border || Border fighting between {A} and {B} leaves {n2} dead
{A} and {B} trade fire as ceasefire collapses
@clash.lead
Troops from {A} and {B} exchanged fire {when} along a disputed section of their border near {town}, killing at least {n2} soldiers, officials said.
{Aadj} forces shelled positions held by {Badj} troops {when}, according to the defence ministry in {Bcap}, which said {n2} of its soldiers had been wounded.
@clash.body
Each side accused the other of firing first, and the claims could not be independently verified.
The {Aadj} defence ministry said its troops had returned fire only after coming under attack from {Badj} positions.
{B} denied the accusation and said {Aadj} troops had crossed into its territory.
{OH} called for an immediate ceasefire and urged both sides to return to the negotiating table.
Villagers living near the border said they had fled to {town} after hearing heavy gunfire for about {hours} hours.
A ceasefire brokered by {C} took hold by the evening, but both armies were reported to be moving reinforcements toward the area.
The border, which was drawn during the colonial era, has never been fully demarcated, and clashes have broken out several times since {year}.
@missile.head
{A} test-fires [ballistic|cruise|hypersonic] missile, {B} says || {A} launches missile into sea in latest weapons test
{B} condemns {Aadj} missile launch
@missile.lead
{A} fired a [ballistic|cruise|short-range] missile into the sea {when}, the military in {Bcap} said, the {ordinal} such launch this year.
{A} said {when} it had successfully tested a new [long-range|solid-fuel|submarine-launched] missile, which state media described as a major step for the country's defences.
@missile.body
The missile flew about {n} kilometres before landing outside {Badj} waters, according to {B2T}.
{B} condemned the launch as a violation of international law and called an emergency meeting of its national security council.
{A} did not confirm the launch, but state media showed images of {A1T} watching a test from an observation post.
{C} said the test threatened regional peace and urged {Acap} to return to talks.
Experts said the missile could be capable of reaching targets across the region, although that could not be confirmed.
Maritime authorities in {B} warned ships to avoid the area, and several commercial flights were rerouted as a precaution.
{A2T} said the test had been planned long in advance and was not aimed at any neighbouring country.
The launch came {n2} days after {B} and {C} held joint naval drills, which {Acap} had described as a rehearsal for an invasion.
@election.head
{A} votes in [tight|tense|delayed] election || {Aadj} ruling party claims victory as opposition cries foul
Turnout [low|high] as {A} votes for new parliament || Can the opposition win in {A}?
@election.lead
Voters in {A} went to the polls {when} in a [presidential|parliamentary|local] election that is expected to be the closest in years.
{PARTY} claimed victory in {Aadj} elections {when}, but the opposition said the vote had been marred by fraud.
@election.body
Preliminary results released by the electoral commission gave {PARTY} about {pct} of the vote.
Turnout was about {pct}, according to officials, higher than at the last election in {year}.
Observers from {O} said the vote had been largely orderly but noted problems with voter lists in several districts.
The main opposition candidate said he would not accept the results and called on supporters to gather in {Acap} on {day}.
If no candidate wins more than half of the vote, a run-off will be held in {month}.
Long queues formed outside polling stations in {Acap} and {town} early in the morning, and some stations stayed open late.
{B} congratulated the people of {A} on a peaceful vote and said it looked forward to working with the new government.
@trade.head
{A} and {B} [agree to cut tariffs|clash over trade|launch trade talks] || {Aadj} exports to {B} [rise|fall] by {pcts}
{A} bans imports of {Badj} [steel|poultry|grain|cars]
@trade.lead
{A} announced {when} that it would [raise tariffs on|ban imports of|open its market to] {Badj} [steel|poultry|grain|electric cars|textiles], a move that could affect trade worth {money}.
Trade ministers from {A} and {B} agreed {when} to start formal talks on a free trade agreement, officials said.
@trade.body
Exports from {A} to {B} rose {pct} last year to {money}, according to customs data.
{B} said it would file a complaint with the World Trade Organization and could impose its own tariffs in response.
Business groups in both countries welcomed the talks but warned that farmers would need protection.
"Nobody wins a trade war, and we do not intend to start one," {B2F} said.
The dispute has hit shipments through the port of {town}, where hundreds of containers have been held up for weeks.
Under the proposed rules, which would take effect in {month}, importers would have to pay a duty of {pct} on top of existing charges.
Farmers' associations in {A} have long complained that cheap imports from {B} are driving them out of business.
{A2F} said the measures were temporary and would be reviewed after {n2} months.
@quote
"We have always said that dialogue is the only way forward, and we remain ready to talk," {B2F} told reporters in {Bcap}.
"What happened {when} is unacceptable, and it will not go unanswered," {A2T} said.
"This is not the time for threats; it is the time for calm heads," said {X}.
"Our patience is not unlimited," {A1T} said in a televised address, adding that {A1P} hoped the matter could still be resolved peacefully.
"I do not think either side wants a wider conflict, but mistakes can happen very quickly," said {X}.
"People here are tired of promises," said {W}. "They want to see results."
"There is a window of opportunity, but it will not stay open for long," {C2F} said on {day}.
Asked whether {Acap} would change its position, {A2S} said: "Our position is clear, and it has not changed."
"The coming weeks will show whether the words we heard today are matched by deeds," said {X}.
"We were not consulted, and we will not accept decisions taken without us," {B1T} said.
"Nobody should be surprised by what happened; the warning signs were there for months," said {X}.
@background
Relations between {A} and {B} have been strained since {year}, when a dispute over [water rights|a border crossing|the treatment of migrants|an unpaid debt] led to the closure of several consulates.
{A}, which has a population of about {popm} million, depends heavily on [oil exports|remittances|tourism|farming] and has struggled with high inflation.
The two countries fought a brief war in the {decade}s and have had tense relations ever since, although trade between them has grown.
{B} is one of {A}'s largest trading partners, and the two governments cooperate closely on [energy|security|migration].
The region has seen a sharp rise in violence over the past two years, which has forced more than {nbig} people from their homes.
{A1T}, who came to power in {year}, has promised to pursue a more independent foreign policy.
Previous rounds of talks, held in {Ccap} in {month}, ended without agreement after the two sides failed to settle [the question of compensation|the route of the border|the fate of prisoners].
{A} has been under pressure from {O} to improve its human rights record, which critics say has worsened since the last election.
Although the government insists that the economy is recovering, critics point out that unemployment among young people, many of whom have left to work abroad, remains above {pct}.
The dispute goes back to a treaty signed in the {decade}s, which left the status of several islands and a stretch of river unresolved and which each side has read differently ever since.
Since the last round of fighting, both armies have built new roads and outposts along the frontier, and each accuses the other of using them to move troops closer to the line.
{A} was suspended from {O} in {year} after a military takeover and was readmitted only after it agreed to hold elections.
@reaction
{C} said it was following events closely and called on all parties to avoid actions that could worsen the situation.
{OH} said {OS} was ready to help both sides find a solution.
The {Cadj} foreign ministry said in a statement that it supported "all efforts toward a peaceful settlement".
{C2F} spoke by telephone with counterparts in {Acap} and {Bcap} on {day}, according to {C2Q} office.
Diplomats at {O} said a meeting to discuss the situation could be held as early as {day}.
Neither {A} nor {B} responded to requests for comment on {day}.
The {Cadj} embassy in {Acap} advised its citizens to avoid travel to the border area until further notice.
@econ
The {Aadj} currency fell {pcts} against the dollar {when}, its lowest level in {n2} months.
The central bank in {Acap} kept interest rates unchanged at {pcts}, citing uncertainty about inflation.
Economists said growth in {A} was likely to slow to about {pcts} this year, down from {pcts} last year.
The government has promised to cut the budget deficit, which reached {pcts} of economic output last year.
@weather
Forecasters warned of heavy rain in the coming days, and schools in several districts of {Acap} were ordered to close on {day}.
Temperatures in {Acap} are expected to reach {temp} degrees Celsius later this week, according to the national weather service.
A dust storm disrupted flights at the main airport in {Acap} on {day}, and several international services were diverted.
@sport
In football, {A} beat {B} {score} in a qualifying match played in {Ccap} on {day} evening.
The national team's coach said after the match that the young players, several of whom were making their debuts, had shown great character.
Organisers said more than {nbig} tickets had been sold for the final, which will be played in {Acap} in {month}.
@markets
Stock markets in the region were mixed on {day}, with the main index in {Acap} closing {pcts} higher.
Oil prices rose {pcts} on {day} after producers signalled they would keep output unchanged. || The price of gold climbed to a record on {day} as investors looked for safe assets.
@furniture
By Staff Reporter || Advertisement || Share this article || Read Also: {Aadj} parliament debates new budget
(Photo: {Aadj} soldiers at a checkpoint near {town}. Staff/File) || (Photo: Supporters wave flags in {Acap}. Staff photographer)
Read Also: Talks between {A} and {C} to resume in {month} || Subscribe to our newsletter for the latest news from {A} and the region.
@close
The talks are expected to continue next week. || More details are expected to be announced in the coming days. || It was not clear when the two sides would meet again.
""".strip()

SECTIONS: dict[str, list[str]] = {}
for _line in TEMPLATES.splitlines():
    if _line.startswith("@"):
        _cur = SECTIONS.setdefault(_line[1:], [])
    elif _line.strip():
        _cur.extend(t.strip() for t in _line.split(" || "))
EVENT_TYPES = sorted({k.split(".")[0] for k in SECTIONS if k.endswith(".lead")})
DOMESTIC = {"protest", "arrest", "attack", "election"}  # mainly about one country

LOWER_AFTER_INTRO = {"The", "Thousands", "Police", "Gunmen", "Troops", "Voters", "Senior", "Trade", "At"}
SLOT = re.compile(r"\{(\w+)\}")
ALT = re.compile(r"\[([^\[\]]*)\]")
AN = re.compile(r"\b([Aa]) (eight|eleven|[AEIO]|Uz)")


RANDOM_SLOTS = {  # drawn afresh at every use; r = random.Random, p = publication date
    "day": lambda r, p: r.choice(WEEKDAYS),
    "when": lambda r, p: r.choice(["on {day}", "on {day}", "late on {day}", "on {day} morning", "earlier this week",
                                   "on {month} {dom}", "last week"]),
    "month": lambda r, p: r.choice(MONTHS),
    "dom": lambda r, p: str(r.randint(1, 28)),
    "year": lambda r, p: str(p.year - r.randint(1, 12)),
    "decade": lambda r, p: str(r.choice([1970, 1980, 1990])),
    "n2": lambda r, p: r.choice(NUMWORDS),
    "hours": lambda r, p: r.choice(NUMWORDS),
    "n": lambda r, p: str(r.randint(12, 480)),
    "nbig": lambda r, p: f"{r.randint(2, 95) * 1000:,}",
    "popm": lambda r, p: str(r.randint(3, 120)),
    "pct": lambda r, p: f"{r.randint(1, 60)}.{r.randint(0, 9)} percent",
    "pcts": lambda r, p: f"{r.randint(0, 4)}.{r.randint(1, 9)} percent",
    "money": lambda r, p: r.choice([f"${r.randint(2, 90) / 10:.1f} billion", f"{r.randint(20, 900)} million euros",
                                    f"${r.randint(15, 700)} million"]),
    "temp": lambda r, p: str(r.randint(-12, 46)),
    "score": lambda r, p: f"{r.randint(1, 4)}-{r.randint(0, 1)}",
    "ordinal": lambda r, p: r.choice(["second", "third", "fourth", "fifth", "sixth", "ninth"]),
    "town": lambda r, p: r.choice(SYL_A) + r.choice(SYL_B),
    "province": lambda r, p: r.choice(SYL_A) + r.choice(SYL_B),
    "PARTY": lambda r, p: r.choice(PARTIES),
    "X": lambda r, p: (f"{person(r)[0]}, a [senior researcher|professor of international relations|security analyst] at "
                       f"[the {r.choice(COUNTRIES)[1]} Institute for Strategic Studies|{r.choice(COUNTRIES)[1]} University"
                       "|the Centre for Regional Policy]"),
    "W": lambda r, p: (f"{person(r)[0]}, a {r.randint(19, 74)}-year-old "
                       "[teacher|shopkeeper|farmer|taxi driver|nurse|student|mother of three] in {town}"),
}


class Context(dict):
    """Fixed slots per article (countries, people, organisation) plus RANDOM_SLOTS."""

    def __init__(self, rng: random.Random, published: dt.date, fixed: dict[str, str]):
        super().__init__(fixed)
        self.rng, self.published = rng, published

    def __missing__(self, key: str) -> str:
        fn = RANDOM_SLOTS.get(key)
        return fn(self.rng, self.published) if fn else "{" + key + "}"  # unknown: left visible (caught by self-check)


def person(r: random.Random, last: str | None = None) -> tuple[str, str, str, str]:
    """(full name, surname, he/she, his/her)"""
    female = r.random() < 0.4
    first, last = r.choice(FIRST_F if female else FIRST_M), last or r.choice(SURNAMES)
    return f"{first} {last}", last, ("she" if female else "he"), ("her" if female else "his")


def titlecase(title: str) -> str:
    return " ".join(w if w == "of" else w.capitalize() for w in title.split())


def cast(r: random.Random, roles: dict[str, tuple[str, str, str]]) -> dict[str, str]:
    """Slots for countries A/B/C and their officials A1 (leader), A2 (minister) ..."""
    out: dict[str, str] = {}
    surnames = iter(r.sample(SURNAMES, 2 * len(roles)))  # no two officials share a surname
    for k, (name, cap, adj) in roles.items():
        out.update({k: name, k + "cap": cap, k + "adj": adj})
        for i, titles in ((1, SENIOR), (2, JUNIOR)):
            full, last, he, his = person(r, next(surnames))
            title = r.choice(titles)
            out.update({f"{k}{i}F": f"{adj} {titlecase(title)} {full}" if r.random() < 0.7 else f"{full}, the {adj} {title},",
                        f"{k}{i}T": f"the {adj} {title}", f"{k}{i}t": title, f"{k}{i}S": last, f"{k}{i}P": he, f"{k}{i}Q": his})
    return out


def render(template: str, ctx: Context, depth: int = 0) -> str:
    s = ALT.sub(lambda m: ctx.rng.choice(m.group(1).split("|")), template)
    s = SLOT.sub(lambda m: ctx[m.group(1)], s)
    if depth < 3 and ("{" in s or "[" in s):
        return render(s, ctx, depth + 1)
    s = s.replace(",,", ",").replace(",.", ".").replace(",:", ":")
    s = AN.sub(r"\1n \2", s)  # a Israeli -> an Israeli, a eight-day -> an eight-day
    s = re.sub(r'([.!?]"? )the ', r"\1The ", s)
    return s[:1].upper() + s[1:]


class Picker:
    """Draw templates without repeats inside one article; None once a section runs dry."""

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def __call__(self, section: str) -> str | None:
        free = [t for t in SECTIONS[section] if (section, t) not in self.used]
        if not free:
            return None
        t = self.rng.choice(free)
        self.used.add((section, t))
        return t


def make_article(seed: int, i: int) -> dict:
    r = random.Random(seed * 1_000_003 + i)
    published = dt.date(2022, 1, 1) + dt.timedelta(days=r.randrange(4 * 365))
    a, b, c, d = r.sample(COUNTRIES, 4)
    org = {"O": (o := r.choice(ORGS))[0], "OH": o[1], "OS": o[2]}
    kind = r.choice(EVENT_TYPES)
    ctx = Context(r, published, {**cast(r, {"A": a, "B": b, "C": c}), **org})
    ctx2 = Context(r, published, {**cast(r, {"A": c, "B": d, "C": b}), **org})  # side stories
    pick = Picker(r)

    def sents(section: str, k: int = 1, cx: Context = ctx) -> str:
        return " ".join(render(t, cx) for t in (pick(section) for _ in range(k)) if t)

    title = sents(kind + ".head")
    paras: list[str] = []
    if r.random() < 0.25:
        paras.append(sents("furniture"))
    dateline = (a[1] if kind in DOMESTIC or r.random() < 0.7 else b[1]).upper()
    paras.append(f"{dateline} — " + sents(kind + ".lead") + " " + sents(kind + ".body"))
    words, target = len(" ".join(paras).split()), r.randint(600, 800)
    for _ in range(200):
        if words >= target:
            break
        roll = r.random()
        if roll < 0.30:
            para = sents(kind + ".body", r.randint(1, 3))
        elif roll < 0.44:
            para = (sents("quote") + " " + (sents(kind + ".body") if r.random() < 0.5 else "")).strip()
        elif roll < 0.56:
            para = sents("background", r.randint(1, 2))
        elif roll < 0.76:
            other = r.choice([t for t in EVENT_TYPES if t != kind])
            intro = r.choice(["", "", "In a separate development, ", "Elsewhere in the region, ", "Meanwhile, "])
            lead = sents(other + ".lead", cx=ctx2)
            if lead and intro and lead.split()[0] in LOWER_AFTER_INTRO:
                lead = lead[:1].lower() + lead[1:]
            para = (intro + lead + " " + sents(other + ".body", r.randint(1, 2), ctx2)) if lead else ""
        elif roll < 0.85:
            para = sents("reaction", r.randint(1, 2))
        elif roll < 0.96:
            para = sents(r.choice(["econ", "weather", "sport", "markets"]), r.randint(1, 3))
        else:
            para = sents("furniture")
        n = len(para.split())
        if not n or (words + n > MAX_WORDS - 10 and words < MIN_WORDS):
            continue
        if words + n > MAX_WORDS - 10:
            break
        paras.append(para.strip())
        words += n
    if words + 12 <= MAX_WORDS and r.random() < 0.3:
        paras.append(sents("close"))
    outlet, domain = r.choice(OUTLETS)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:70]
    return {"id": f"bench-{i:06d}", "title": title, "text": "\n\n".join(paras), "published": published.isoformat(),
            "url": f"https://www.{domain}.example/{published:%Y/%m/%d}/{slug}", "outlet": outlet}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic news corpus (JSON Lines) for benchmarks.")
    ap.add_argument("--n", type=int, default=600, help="number of articles (default 600)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default {DEFAULT_OUT})")
    ap.add_argument("--seed", type=int, default=13, help="random seed (default 13)")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("--n must be >= 0")
    t0 = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    total_words = 0
    tmp = args.out.with_name(args.out.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(args.n):
            art = make_article(args.seed, i)
            total_words += len(art["text"].split())
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    tmp.replace(args.out)
    mean = total_words / args.n if args.n else 0
    print(f"wrote {args.n} articles ({total_words:,} words, mean {mean:.0f}/article, seed {args.seed}) "
          f"to {args.out} in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
