#!/usr/bin/env python3
"""Labelled test corpus of letterbox-contact letters, for the identifying-details detector.

Each output line (JSON Lines, UTF-8) is one synthetic letter exchanged between an adoptive
family and a birth relative, with every identifying detail in it marked:

  {"id": "L0001", "direction": "ADOPTIVE_TO_BIRTH" | "BIRTH_TO_ADOPTIVE",
   "text": "...", "knowledge": [{"kind", "text"}...], "allowed": [...],
   "details": [{"kind", "start", "end", "text"}...]}

"knowledge" is what the agency's (incomplete, differently spelt) records hold about the two
families; "allowed" is names both sides may use (the child's first name and birth name,
how the parties sign, siblings' first names). "details" are in text order; start/end are
offsets in Unicode code points (Python str indexing), end exclusive. Every occurrence is
marked, repeats included. Towns, employers and some school names are real; people, streets,
addresses and numbers are invented (phone numbers are from Ofcom's drama ranges).

Marking rules (what the span covers)
  SURNAME       a surname standing on its own, of anyone ("the Hendersons" -> "Henderson",
                "Thompson's" -> "Thompson", a couple "Mr and Mrs Fielding" -> "Fielding",
                "Coach Davies" -> "Davies": only Mr/Mrs/Miss/Ms/Dr count as titles).
                Double-barrelled, apostrophe and particle names are one span ("Hughes-Wright",
                "O'Neill", "da Silva", "Ó Briain"). A plural or possessive ending is outside.
  PERSON_NAME   one person's first name + surname, or title + surname ("Mrs Patel",
                "Dr Okafor", "Sue Brennan", the writer's own "Kate Thompson" in a sign-off);
                relation words ("Auntie", "Grandad", "her teacher") are outside the span.
                Never marked: a first name alone or with a relation word or title ("Nanny
                Jean", "Miss Jo"), pets, and famous or fictional people (authors,
                footballers, singers, "Mr Tumble", "Dr Seuss").
  ADDRESS       house/flat number (if any) through the street's type word ("14 Acacia
                Avenue", "Flat 3, Rowan Court", "Larch Close", "Heol y Bryn"); a following
                town or postcode is a separate span.
  POSTCODE      a full UK postcode in any case, with or without the space, or an outward
                code alone ("BR1"). Road numbers ("the M25", "the A1") are not postcodes.
  SCHOOL        a named school, nursery, pre-school, playgroup or college, with its type
                word when present ("Oakwood Primary", "St Mary's", "Leeds City College").
  TOWN          a UK town, village, city or suburb, wherever it appears (day trips too).
                Not: countries, counties, regions, islands, national parks, foreign places,
                attractions that merely contain a town's name ("Alton Towers", "the Brecon
                Beacons"), or a football team a child supports ("he loves Liverpool").
  WORKPLACE     a named employer or workplace of someone ("I work at Sainsbury's now").
                A shop or restaurant visited in passing ("went to Tesco") is not marked.
  CLUB          a named club, team, group or activity class, including dance/stage/riding
                "schools" and named choirs ("Bromley Juniors FC", "1st Petts Wood Brownies",
                "Starlight Dance School", "Tigers under-9s"). Generic words are not marked.
  PHONE, EMAIL  every phone number / email address, whoever's it is (the agency's too; an
                address written out, "kate.t at gmail dot com", is one EMAIL span).
  SOCIAL_MEDIA  a handle, gamertag or profile link on a social or messaging platform
                ("@lily.rose09", "facebook.com/jane.hughes.77"); the platform name alone
                is not marked. URL: any other web address (trailing full stop outside).
  VEHICLE_PLATE a car registration in any UK style.
  DATE_OF_BIRTH a day+month+year date that is someone's date of birth; the date only
                ("3rd March 2019", "03/03/2019"). Other full dates and birthdays without a
                year are not marked.
  PHOTO         a description of an enclosed photo or drawing showing a school uniform or
                badge, a street sign, the house or its number, a number plate, or a named
                team kit: from the picture word ("photo", "picture", "drawing", "selfie"...)
                to the end of the sentence, terminal punctuation outside. Such descriptions
                contain no other named detail; other photos ("on the swings") are unmarked.
  No span starts with "the", and spans never overlap.

Regenerate (deterministic: fixed seed, byte-identical output on every run):
  python3 letterbox-svc/tests/corpus/generate_letters.py > letterbox-svc/tests/data/letter_corpus.jsonl
Check a corpus file's spans (bounds, text[start:end] == text, no overlaps, order):
  python3 letterbox-svc/tests/corpus/generate_letters.py --check letterbox-svc/tests/data/letter_corpus.jsonl
"""

import argparse
import datetime
import json
import random
import re
import sys

SEED = 20241014
N_LETTERS = 400

KINDS = ("SURNAME", "PERSON_NAME", "ADDRESS", "POSTCODE", "SCHOOL", "TOWN", "WORKPLACE",
         "CLUB", "PHONE", "EMAIL", "SOCIAL_MEDIA", "URL", "VEHICLE_PLATE", "DATE_OF_BIRTH",
         "PHOTO")


def lines(block):
    """Splits a hand-written list: one item per line, '#' comments and blank lines skipped."""
    out = []
    for ln in block.split("\n"):
        ln = ln.strip()
        if ln and not ln.startswith("#"):
            out.append(ln)
    return out


def words(block):
    return block.split()


# ---------------------------------------------------------------------------------------
# Hand-made lists
# ---------------------------------------------------------------------------------------

SURNAMES = lines("""
# common English
Smith
Jones
Williams
Taylor
Brown
Davies
Evans
Wilson
Thomas
Johnson
Roberts
Robinson
Thompson
Wright
Walker
White
Edwards
Hughes
Hall
Lewis
Harris
Clarke
Jackson
Turner
Martin
Cooper
Ward
Morris
Moore
Harrison
Allen
Scott
Phillips
Watson
Parker
Bennett
Griffiths
Mitchell
Carter
Richardson
Bailey
Collins
Shaw
Miller
Cox
Richards
Marshall
Anderson
Simpson
Ellis
Adams
Wilkinson
Foster
Chapman
Powell
Webb
Rogers
Matthews
Holmes
Barnes
Lloyd
Butler
Russell
Barker
Stevens
Dixon
Harvey
Pearson
Fletcher
Gibson
Howard
Andrews
Elliott
Reynolds
Saunders
Payne
Pearce
Brooks
Lawrence
Atkinson
Bradley
Spencer
Dawson
Burton
Watts
Booth
Perry
Armstrong
Hayes
Hudson
Newman
Barrett
Webster
Gregory
Lowe
Riley
Dunn
Parsons
Hawkins
Harding
Porter
Newton
Oliver
Kennedy
Williamson
Gardner
Dodd
Cunningham
Warren
Nicholls
Hewitt
Brennan
Fielding
Henderson
Whitaker
Sutcliffe
Ackroyd
Haworth
Crossley
Pickering
Rowbotham
Shufflebottom
Entwistle
Ramsbottom
Higginbottom
Tattersall
Thistlethwaite
Wigglesworth
Postlethwaite
Blenkinsop
Scattergood
Winterbottom
Gedge
Quested
Tremayne
Trelawny
Penhaligon
Nancarrow
Culpepper
Featherstonehaugh
Pennyfeather
# surnames that are ordinary words
Green
Wood
King
Hill
Bird
Mason
Baker
Rose
Young
Bell
Day
Page
Lamb
Swan
Sparrow
Moss
Brook
Field
Marsh
Stone
Fox
Cook
Hunter
Fisher
Little
Long
Sharp
Gold
Frost
Winter
Summers
May
Christmas
Church
Waters
Shepherd
Knight
Bishop
Hope
Wells
Ford
West
Rich
Cross
# Irish
O'Neill
O'Sullivan
O'Brien
O'Connor
McCarthy
Byrne
Doyle
Quinn
Gallagher
Donnelly
Fitzgerald
Ó Briain
Nolan
Kavanagh
Duffy
Flanagan
Brady
McLoughlin
Geraghty
Ní Mhurchú
# Scottish
MacDonald
McKenzie
MacLeod
McGregor
Fraser
Cameron
Sinclair
Drummond
Urquhart
Menzies
Buchanan
Lamont
Galbraith
Strachan
Lindsay
Munro
MacKinnon
McIntyre
Farquharson
Robertson
# Welsh
Pritchard
Bowen
Prosser
Vaughan
Llewellyn
Gruffydd
Parry
Pugh
Meredith
Howells
Jenkins
Rhys
ap Rhys
Pryce
# South Asian
Patel
Shah
Khan
Begum
Ahmed
Hussain
Iqbal
Chaudhry
Malik
Rahman
Uddin
Choudhury
Sharma
Mistry
Chauhan
Sandhu
Dhillon
Bains
Gill
Kaur
Singh
Mahmood
Akhtar
Siddiqui
Nair
Pillai
Ranasinghe
Perera
# African
Okafor
Adeyemi
Mensah
Owusu
Boateng
Asante
Okonkwo
Adebayo
Oyelaran
Nwosu
Kamara
Mwangi
Abdi
Osei
Eze
Ogunleye
Chikwanha
Osman
Warsame
# Caribbean
Campbell
Grant
Francis
Forbes
Reid
Gayle
Beckford
Samuels
Henry
Bryan
Wedderburn
McFarlane
Clarke-Gayle
# Polish and other European
Kowalski
Nowak
Wiśniewski
Wójcik
Kowalczyk
Kamiński
Lewandowski
Zieliński
Szymańska
Dąbrowski
Mazur
Krawczyk
Jankowska
Pawlak
Grabowski
da Silva
Gonçalves
Ferreira
Rossi
Esposito
Papadopoulos
Yılmaz
Nguyen
Chen
Wong
Ibrahim
Hassan
Müller
van der Berg
# double-barrelled
Hughes-Wright
Lloyd-Jones
Smith-Okafor
Patel-Morris
Carter-Brown
Fox-Harding
Ashby-Clarke
Kowalska-Reid
Bennett-Shah
Price-Jenkins
Taylor-Mensah
Wynne-Edwards
""")

GIRLS = words("""
Lily Olivia Amelia Isla Ava Mia Ivy Freya Florence Willow Rosie Sophia Isabella Grace
Poppy Evie Elsie Daisy Sienna Ella Phoebe Millie Matilda Harper Ruby Maisie Esme Aria
Eliza Layla Chloé Zoë Siân Niamh Aoife Ffion Bronwen Eilidh Kirsty Ayesha Amara Zainab
Priya Anaya Aaliyah Fatima Maryam Hania Zofia Renée Anaïs Chelsea Paris Rose Holly Jade
Amber Summer Skye Brooke Lacey Kayla Tia-Mae Lilly-Rose Ellie-May Nevaeh Imani Adaeze
Thea Beatrice Nell Orla Erin Megan Courtney Keira Jasmine Nia Alys Cerys Mari Hollie
""")

BOYS = words("""
Oliver George Noah Arthur Leo Oscar Harry Archie Jack Henry Charlie Freddie Theo Alfie
Jacob Finley Thomas Isaac Teddy Tommy Reggie Jaxon Kai Riley Ethan Mason Logan Rhys Dylan
Cai Osian Seán Oisín Callum Euan Ruaridh Hamish Jamal Kwame Tobi Chidi Ibrahim Yusuf Zayn
Arjun Rohan Aarav Łukasz Kacper Jakub José Mateo Luca Kian Tyler Jayden Bailey Jordan
Lincoln Ollie Sonny Ronnie Billy Alfie-James Tayo Femi Deji Malachi Ezra Reuben Caleb
Harvey Lewis Connor Brandon Kyle Liam
""")

ADULT_WOMEN = words("""
Sarah Kate Jane Claire Emma Lisa Michelle Kelly Donna Stacey Gemma Leanne Jodie Hayley
Danielle Kerry Nicola Becky Amy Laura Rachel Louise Helen Karen Tracey Sharon Julie Dawn
Jean Pat Maureen Linda Sandra Brenda Sue Carol Margaret Val Pauline Nkechi Adaeze Chinwe
Ama Yaa Funmi Ngozi Sunita Anjali Nadia Shazia Farah Rukhsana Agnieszka Katarzyna Ewa
Siân Rhiannon Morag Fiona Ailsa Siobhán Bríd Marcia Beverley Paulette Hyacinth Joy
Precious Inês Chiara Zoë Carys Bethan Aisha Samira Jo Nat Bev Sam
""")

ADULT_MEN = words("""
Tom Mark Paul Dave Steve Gary Darren Lee Craig Wayne Jason Dean Ryan Scott Chris Andy Rob
Matt James Ben Dan Sam Alex Colin Keith Brian Barry Terry Ken Derek Alan Trevor Kwame Kofi
Tunde Segun Raj Sanjay Imran Tariq Asif Marek Tomasz Piotr Gareth Dai Huw Duncan Iain
Seamus Declan Ciarán Delroy Winston Errol José Nikhil Ade Femi Jon Phil Stuart Neil Kev
""")

PETS = words("""
Biscuit Alfie Bella Luna Milo Teddy Coco Poppy Bear Pickle Marmite Nala Simba Oreo Pepper
Ziggy Chester Winston Hamish Barney Dexter Mabel Percy Sid Nibbles Hazel Toffee Fudge
Sausage Kevin Bramble Pudding Dougal Crumble Peanut Rolo Tinkerbell Gizmo Mr Whiskers
""")
PETS = [p for p in PETS if p not in ("Mr", "Whiskers")] + ["Mr Whiskers", "Captain Fluff", "Sir Nibbles"]

PET_KINDS = ["dog", "puppy", "cat", "kitten", "rabbit", "guinea pig", "hamster", "tortoise",
             "budgie", "bearded dragon", "goldfish", "cockapoo", "labrador", "spaniel",
             "sausage dog", "staffie", "rescue greyhound", "house rabbit"]

# Towns: (name used in letters, canonical record name, postcode districts)
TOWNS = [
    # London suburbs
    ("Bromley", "Bromley", "BR1 BR2"), ("Chislehurst", "Chislehurst", "BR7"),
    ("Petts Wood", "Petts Wood", "BR5"), ("Beckenham", "Beckenham", "BR3"),
    ("Orpington", "Orpington", "BR6"), ("Sydenham", "Sydenham", "SE26"),
    ("Catford", "Catford", "SE6"), ("Walthamstow", "Walthamstow", "E17"),
    ("Leytonstone", "Leytonstone", "E11"), ("Croydon", "Croydon", "CR0"),
    ("Sutton", "Sutton", "SM1"), ("Kingston", "Kingston upon Thames", "KT1 KT2"),
    ("Ealing", "Ealing", "W5"), ("Harrow", "Harrow", "HA1"), ("Enfield", "Enfield", "EN1"),
    ("Barnet", "Barnet", "EN5"), ("Romford", "Romford", "RM1"), ("Tooting", "Tooting", "SW17"),
    ("Brixton", "Brixton", "SW2"), ("Peckham", "Peckham", "SE15"), ("Hackney", "Hackney", "E8"),
    ("Wembley", "Wembley", "HA9"), ("Hounslow", "Hounslow", "TW3"),
    ("Twickenham", "Twickenham", "TW1"), ("Norwood", "West Norwood", "SE27"),
    ("Eltham", "Eltham", "SE9"), ("Bexleyheath", "Bexleyheath", "DA6"), ("Sidcup", "Sidcup", "DA14"),
    ("London", "London", "SE1 N1 E1"),
    # Yorkshire and the north
    ("Harrogate", "Harrogate", "HG1 HG2"), ("Whitby", "Whitby", "YO21"),
    ("Scarborough", "Scarborough", "YO11 YO12"), ("York", "York", "YO1 YO24"),
    ("Leeds", "Leeds", "LS6 LS8"), ("Wakefield", "Wakefield", "WF1"), ("Halifax", "Halifax", "HX1"),
    ("Huddersfield", "Huddersfield", "HD1"), ("Skipton", "Skipton", "BD23"),
    ("Ilkley", "Ilkley", "LS29"), ("Hebden Bridge", "Hebden Bridge", "HX7"),
    ("Otley", "Otley", "LS21"), ("Pudsey", "Pudsey", "LS28"), ("Sheffield", "Sheffield", "S6 S11"),
    ("Rotherham", "Rotherham", "S60"), ("Doncaster", "Doncaster", "DN1"), ("Barnsley", "Barnsley", "S70"),
    ("Hull", "Kingston upon Hull", "HU1 HU5"), ("Beverley", "Beverley", "HU17"),
    ("Bridlington", "Bridlington", "YO15"), ("Manchester", "Manchester", "M14 M20"),
    ("Stockport", "Stockport", "SK1 SK4"), ("Salford", "Salford", "M5 M6"), ("Bolton", "Bolton", "BL1"),
    ("Wigan", "Wigan", "WN1"), ("Oldham", "Oldham", "OL1"), ("Rochdale", "Rochdale", "OL11"),
    ("Liverpool", "Liverpool", "L15 L18"), ("Birkenhead", "Birkenhead", "CH41"),
    ("Southport", "Southport", "PR8"), ("Preston", "Preston", "PR1"), ("Blackpool", "Blackpool", "FY1"),
    ("Lancaster", "Lancaster", "LA1"), ("Kendal", "Kendal", "LA9"), ("Keswick", "Keswick", "CA12"),
    ("Ambleside", "Ambleside", "LA22"), ("Carlisle", "Carlisle", "CA1"), ("Penrith", "Penrith", "CA11"),
    ("Newcastle", "Newcastle upon Tyne", "NE1 NE6"), ("Gateshead", "Gateshead", "NE8"),
    ("Sunderland", "Sunderland", "SR1"), ("Hexham", "Hexham", "NE46"), ("Alnwick", "Alnwick", "NE66"),
    ("Berwick", "Berwick-upon-Tweed", "TD15"), ("Middlesbrough", "Middlesbrough", "TS1"),
    ("Darlington", "Darlington", "DL1"), ("Stockton", "Stockton-on-Tees", "TS18"),
    ("Grassington", "Grassington", "BD23"), ("Robin Hood's Bay", "Robin Hood's Bay", "YO22"),
    ("Haworth", "Haworth", "BD22"), ("Goathland", "Goathland", "YO22"), ("Staithes", "Staithes", "TS13"),
    ("Thornton-le-Dale", "Thornton-le-Dale", "YO18"), ("Saltburn", "Saltburn-by-the-Sea", "TS12"),
    # Midlands
    ("Birmingham", "Birmingham", "B13 B30"), ("Solihull", "Solihull", "B91"), ("Coventry", "Coventry", "CV1 CV3"),
    ("Leamington", "Leamington Spa", "CV32"), ("Warwick", "Warwick", "CV34"),
    ("Stratford", "Stratford-upon-Avon", "CV37"), ("Wolverhampton", "Wolverhampton", "WV1"),
    ("Walsall", "Walsall", "WS1"), ("Dudley", "Dudley", "DY1"), ("Kidderminster", "Kidderminster", "DY10"),
    ("Worcester", "Worcester", "WR1"), ("Malvern", "Great Malvern", "WR14"), ("Hereford", "Hereford", "HR1"),
    ("Ledbury", "Ledbury", "HR8"), ("Shrewsbury", "Shrewsbury", "SY1"), ("Ludlow", "Ludlow", "SY8"),
    ("Telford", "Telford", "TF1"), ("Stoke", "Stoke-on-Trent", "ST1 ST4"), ("Leek", "Leek", "ST13"),
    ("Derby", "Derby", "DE1 DE22"), ("Matlock", "Matlock", "DE4"), ("Bakewell", "Bakewell", "DE45"),
    ("Buxton", "Buxton", "SK17"), ("Nottingham", "Nottingham", "NG5 NG7"), ("Mansfield", "Mansfield", "NG18"),
    ("Newark", "Newark-on-Trent", "NG24"), ("Lincoln", "Lincoln", "LN1 LN6"), ("Louth", "Louth", "LN11"),
    ("Skegness", "Skegness", "PE25"), ("Grantham", "Grantham", "NG31"), ("Leicester", "Leicester", "LE2 LE3"),
    ("Loughborough", "Loughborough", "LE11"), ("Market Harborough", "Market Harborough", "LE16"),
    ("Northampton", "Northampton", "NN1"), ("Kettering", "Kettering", "NN16"),
    ("Much Wenlock", "Much Wenlock", "TF13"), ("Church Stretton", "Church Stretton", "SY6"),
    ("Castleton", "Castleton", "S33"), ("Hathersage", "Hathersage", "S32"), ("Tissington", "Tissington", "DE6"),
    # South and east
    ("Milton Keynes", "Milton Keynes", "MK9"), ("Bedford", "Bedford", "MK40"), ("Luton", "Luton", "LU1"),
    ("St Albans", "St Albans", "AL1"), ("Hitchin", "Hitchin", "SG5"), ("Stevenage", "Stevenage", "SG1"),
    ("Watford", "Watford", "WD17"), ("Hemel", "Hemel Hempstead", "HP1"), ("Aylesbury", "Aylesbury", "HP20"),
    ("High Wycombe", "High Wycombe", "HP11"), ("Oxford", "Oxford", "OX1 OX4"), ("Banbury", "Banbury", "OX16"),
    ("Witney", "Witney", "OX28"), ("Reading", "Reading", "RG1 RG30"), ("Bracknell", "Bracknell", "RG12"),
    ("Wokingham", "Wokingham", "RG40"), ("Slough", "Slough", "SL1"), ("Maidenhead", "Maidenhead", "SL6"),
    ("Guildford", "Guildford", "GU1"), ("Woking", "Woking", "GU21"), ("Farnham", "Farnham", "GU9"),
    ("Epsom", "Epsom", "KT17"), ("Reigate", "Reigate", "RH2"), ("Horsham", "Horsham", "RH12"),
    ("Crawley", "Crawley", "RH10"), ("Brighton", "Brighton", "BN1 BN2"), ("Hove", "Hove", "BN3"),
    ("Worthing", "Worthing", "BN11"), ("Lewes", "Lewes", "BN7"), ("Eastbourne", "Eastbourne", "BN21"),
    ("Hastings", "Hastings", "TN34"), ("Rye", "Rye", "TN31"), ("Tunbridge Wells", "Royal Tunbridge Wells", "TN1 TN2"),
    ("Sevenoaks", "Sevenoaks", "TN13"), ("Tonbridge", "Tonbridge", "TN9"), ("Maidstone", "Maidstone", "ME14 ME15"),
    ("Chatham", "Chatham", "ME4"), ("Rochester", "Rochester", "ME1"), ("Canterbury", "Canterbury", "CT1 CT2"),
    ("Whitstable", "Whitstable", "CT5"), ("Margate", "Margate", "CT9"), ("Ramsgate", "Ramsgate", "CT11"),
    ("Deal", "Deal", "CT14"), ("Sandwich", "Sandwich", "CT13"), ("Folkestone", "Folkestone", "CT20"),
    ("Dover", "Dover", "CT16"), ("Ashford", "Ashford", "TN24"), ("Chelmsford", "Chelmsford", "CM1 CM2"),
    ("Colchester", "Colchester", "CO1 CO4"), ("Southend", "Southend-on-Sea", "SS1 SS2"),
    ("Basildon", "Basildon", "SS14"), ("Braintree", "Braintree", "CM7"), ("Saffron Walden", "Saffron Walden", "CB10"),
    ("Cambridge", "Cambridge", "CB1 CB4"), ("Ely", "Ely", "CB7"), ("Peterborough", "Peterborough", "PE1"),
    ("Huntingdon", "Huntingdon", "PE29"), ("Norwich", "Norwich", "NR1 NR3"), ("Cromer", "Cromer", "NR27"),
    ("Great Yarmouth", "Great Yarmouth", "NR30"), ("King's Lynn", "King's Lynn", "PE30"),
    ("Ipswich", "Ipswich", "IP1 IP4"), ("Bury St Edmunds", "Bury St Edmunds", "IP33"),
    ("Aldeburgh", "Aldeburgh", "IP15"), ("Southwold", "Southwold", "IP18"), ("Felixstowe", "Felixstowe", "IP11"),
    ("Lowestoft", "Lowestoft", "NR32"), ("Walberswick", "Walberswick", "IP18"), ("Lavenham", "Lavenham", "CO10"),
    ("Dedham", "Dedham", "CO7"), ("Finchingfield", "Finchingfield", "CM7"), ("Blakeney", "Blakeney", "NR25"),
    ("Burnham Market", "Burnham Market", "PE31"), ("Westerham", "Westerham", "TN16"), ("Otford", "Otford", "TN14"),
    ("Tenterden", "Tenterden", "TN30"), ("Cranbrook", "Cranbrook", "TN17"), ("Shere", "Shere", "GU5"),
    ("Ditchling", "Ditchling", "BN6"), ("Alfriston", "Alfriston", "BN26"), ("Ashwell", "Ashwell", "SG7"),
    # South west
    ("Southampton", "Southampton", "SO14 SO15"), ("Winchester", "Winchester", "SO23"),
    ("Portsmouth", "Portsmouth", "PO1 PO4"), ("Basingstoke", "Basingstoke", "RG21"), ("Andover", "Andover", "SP10"),
    ("Salisbury", "Salisbury", "SP1"), ("Swindon", "Swindon", "SN1 SN25"), ("Chippenham", "Chippenham", "SN15"),
    ("Bath", "Bath", "BA1 BA2"), ("Frome", "Frome", "BA11"), ("Wells", "Wells", "BA5"), ("Bristol", "Bristol", "BS3 BS7"),
    ("Weston", "Weston-super-Mare", "BS23"), ("Taunton", "Taunton", "TA1"), ("Minehead", "Minehead", "TA24"),
    ("Exeter", "Exeter", "EX1 EX4"), ("Exmouth", "Exmouth", "EX8"), ("Torquay", "Torquay", "TQ1"),
    ("Plymouth", "Plymouth", "PL1 PL4"), ("Barnstaple", "Barnstaple", "EX31"), ("Truro", "Truro", "TR1"),
    ("Falmouth", "Falmouth", "TR11"), ("St Ives", "St Ives", "TR26"), ("Newquay", "Newquay", "TR7"),
    ("Penzance", "Penzance", "TR18"), ("Bude", "Bude", "EX23"), ("Dorchester", "Dorchester", "DT1"),
    ("Weymouth", "Weymouth", "DT4"), ("Bournemouth", "Bournemouth", "BH1 BH9"), ("Poole", "Poole", "BH15"),
    ("Lyme Regis", "Lyme Regis", "DT7"), ("Gloucester", "Gloucester", "GL1"), ("Cheltenham", "Cheltenham", "GL50 GL51"),
    ("Stroud", "Stroud", "GL5"), ("Cirencester", "Cirencester", "GL7"), ("Tewkesbury", "Tewkesbury", "GL20"),
    ("Mousehole", "Mousehole", "TR19"), ("Polperro", "Polperro", "PL13"), ("Clovelly", "Clovelly", "EX39"),
    ("Bourton-on-the-Water", "Bourton-on-the-Water", "GL54"), ("Bibury", "Bibury", "GL7"),
    ("Broadway", "Broadway", "WR12"),
    # Wales
    ("Cardiff", "Cardiff", "CF10 CF14"), ("Swansea", "Swansea", "SA1 SA2"), ("Newport", "Newport", "NP20"),
    ("Aberystwyth", "Aberystwyth", "SY23"), ("Bangor", "Bangor", "LL57"), ("Llandudno", "Llandudno", "LL30"),
    ("Caernarfon", "Caernarfon", "LL55"), ("Betws-y-Coed", "Betws-y-Coed", "LL24"),
    ("Machynlleth", "Machynlleth", "SY20"), ("Tenby", "Tenby", "SA70"), ("Abergavenny", "Abergavenny", "NP7"),
    ("Merthyr", "Merthyr Tydfil", "CF47"), ("Pontypridd", "Pontypridd", "CF37"), ("Llanelli", "Llanelli", "SA15"),
    ("Carmarthen", "Carmarthen", "SA31"), ("Wrexham", "Wrexham", "LL11"), ("Porthmadog", "Porthmadog", "LL49"),
    ("Llanfair PG", "Llanfairpwllgwyngyll", "LL61"), ("Ystradgynlais", "Ystradgynlais", "SA9"),
    ("Aberaeron", "Aberaeron", "SA46"), ("Dolgellau", "Dolgellau", "LL40"), ("Rhyl", "Rhyl", "LL18"),
    ("Brecon", "Brecon", "LD3"), ("Hay-on-Wye", "Hay-on-Wye", "HR3"), ("Ystalyfera", "Ystalyfera", "SA9"),
    # Scotland
    ("Edinburgh", "Edinburgh", "EH6 EH10"), ("Glasgow", "Glasgow", "G12 G41"), ("Aberdeen", "Aberdeen", "AB10 AB15"),
    ("Dundee", "Dundee", "DD1 DD4"), ("Inverness", "Inverness", "IV2"), ("Perth", "Perth", "PH1"),
    ("Stirling", "Stirling", "FK8"), ("Paisley", "Paisley", "PA1"), ("Kilmarnock", "Kilmarnock", "KA1"),
    ("Ayr", "Ayr", "KA7"), ("Dumfries", "Dumfries", "DG1"), ("Oban", "Oban", "PA34"),
    ("Fort William", "Fort William", "PH33"), ("St Andrews", "St Andrews", "KY16"), ("Kirkcaldy", "Kirkcaldy", "KY1"),
    ("Dunfermline", "Dunfermline", "KY11"), ("Falkirk", "Falkirk", "FK1"), ("Largs", "Largs", "KA30"),
    ("Pitlochry", "Pitlochry", "PH16"), ("Aviemore", "Aviemore", "PH22"), ("Portree", "Portree", "IV51"),
    ("Tobermory", "Tobermory", "PA75"), ("Peebles", "Peebles", "EH45"), ("Musselburgh", "Musselburgh", "EH21"),
    ("Milngavie", "Milngavie", "G62"), ("Auchtermuchty", "Auchtermuchty", "KY14"),
    ("Kirkcudbright", "Kirkcudbright", "DG6"), ("Ullapool", "Ullapool", "IV26"), ("Ballater", "Ballater", "AB35"),
    # Northern Ireland
    ("Belfast", "Belfast", "BT5 BT9"), ("Newry", "Newry", "BT34"), ("Portrush", "Portrush", "BT56"),
    ("Lisburn", "Lisburn", "BT27"), ("Enniskillen", "Enniskillen", "BT74"),
]

# Places that are never marked
COUNTIES = ["Kent", "Surrey", "Sussex", "Essex", "Hampshire", "Dorset", "Devon", "Cornwall", "Somerset",
            "Norfolk", "Suffolk", "Yorkshire", "North Yorkshire", "Lancashire", "Cumbria",
            "Northumberland", "Derbyshire", "Wiltshire", "Herefordshire", "Shropshire", "Lincolnshire",
            "Pembrokeshire", "Gwynedd", "Ceredigion", "Fife", "Perthshire", "Argyll", "County Durham",
            "the Scottish Borders", "Co. Down"]
ISLANDS = ["Anglesey", "the Isle of Wight", "the Isle of Skye", "Arran", "Mull", "the Isle of Man", "Jersey",
           "the Scilly Isles", "Lindisfarne", "Orkney"]
PARKS = ["the Lake District", "the Peak District", "the Yorkshire Dales", "the Cotswolds", "Snowdonia",
         "the Brecon Beacons", "the New Forest", "Dartmoor", "Exmoor", "the Norfolk Broads",
         "the Highlands", "the Gower", "the South Downs", "the Jurassic Coast", "the North York Moors",
         "the Cairngorms", "Bannau Brycheiniog", "Eryri", "the Mournes"]
REGIONS = ["the Midlands", "the North East", "the West Country", "East Anglia", "up north",
           "down south", "the south coast", "Wales", "Scotland", "Northern Ireland", "England", "the UK"]
ABROAD = ["Spain", "Majorca", "Menorca", "Tenerife", "Lanzarote", "Gran Canaria", "Portugal", "the Algarve",
          "Florida", "Orlando", "Disneyland Paris", "Paris", "Rome", "Lake Garda", "Croatia", "Greece",
          "Corfu", "Crete", "Zante", "Turkey", "Cyprus", "Malta", "Amsterdam", "Brittany", "Normandy",
          "Dublin", "Galway", "Kraków", "Gdańsk", "Lagos", "Accra", "Jamaica", "Lahore", "Sylhet",
          "Barbados", "Benidorm", "Ibiza", "the Canaries", "Sardinia", "Norway", "Iceland", "Tuscany"]
ATTRACTIONS = ["Alton Towers", "Thorpe Park", "Drayton Manor", "Longleat", "Cadbury World", "Peppa Pig World",
               "Paultons Park", "Flamingo Land", "the Eden Project", "Stonehenge", "Hadrian's Wall",
               "the Natural History Museum", "the Science Museum", "Buckingham Palace", "Go Ape",
               "Center Parcs", "Butlins", "a Haven site", "Legoland", "the Deep", "Gulliver's World",
               "the Sea Life Centre", "Jorvik", "Loch Ness",
               "the Giant's Causeway", "Chester Zoo", "Twycross Zoo", "Folly Farm"]
FOOTBALL_TEAMS = ["Arsenal", "Liverpool", "Chelsea", "Spurs", "Man United", "Man City", "Everton",
                  "Newcastle", "Aston Villa", "West Ham", "Leeds", "Sunderland", "Celtic", "Rangers",
                  "Brighton", "Wolves", "Forest", "Swansea", "Cardiff", "Arsenal Women", "the Lionesses"]
SHOPS_IN_PASSING = ["Tesco", "Aldi", "Asda", "Primark", "Sainsbury's", "M&S", "Boots", "Costa", "McDonald's",
                    "Pizza Express", "IKEA", "Smyths", "the Entertainer", "Hobbycraft", "Waterstones",
                    "Build-A-Bear", "Claire's", "Greggs", "Lidl", "the Co-op", "Nando's", "Wilko", "TK Maxx",
                    "B&M", "Home Bargains", "Toby Carvery", "Pets at Home"]
KIDS_SHOWS = ["Peppa Pig", "Paw Patrol", "Bluey", "Hey Duggee", "Doctor Who", "Blue Peter", "Sesame Street",
              "Frozen", "Encanto", "Moana", "Harry Potter", "Star Wars", "Mr Tumble", "Mr Bean", "Dr Seuss",
              "Mr Men", "Horrible Histories", "Octonauts", "Thomas the Tank Engine", "Fireman Sam", "Postman Pat",
              "Bing", "Ninjago", "Pokémon", "Sonic", "Lego", "Barbie", "Hot Wheels", "Sylvanian Families",
              "Spider-Man", "Matilda", "Gruffalo", "Wicked", "Toy Story", "Pip and Posy", "Numberblocks"]
GAMES = ["Minecraft", "Roblox", "Fortnite", "FIFA", "Mario Kart", "Pokémon", "Rocket League", "Among Us",
         "Animal Crossing", "Zelda", "Just Dance"]
ADULT_TV = ["Coronation Street", "EastEnders", "Emmerdale", "Strictly", "Bake Off", "Love Island", "Pointless",
            "The Chase", "Countdown", "Gogglebox", "Casualty"]
FAMILY_TV = ["Gladiators", "Strictly", "Taskmaster", "Bake Off", "Doctor Who", "The Masked Singer", "Blue Peter"]
TEEN_TV = ["Stranger Things", "Love Island", "Wednesday", "Heartstopper", "Taskmaster", "The Traitors"]
MOUNTAINS = ["Snowdon", "Ben Nevis", "Scafell Pike", "Pen y Fan", "Helvellyn", "Arthur's Seat", "Cat Bells",
             "Roseberry Topping", "Mam Tor", "Yr Wyddfa"]
COASTAL = set(words("""Whitby Scarborough Bridlington Southport Blackpool Staithes Saltburn Skegness Brighton Hove
Worthing Eastbourne Hastings Whitstable Margate Ramsgate Deal Folkestone Dover Southend Cromer Aldeburgh Southwold
Felixstowe Lowestoft Walberswick Blakeney Weston Minehead Exmouth Torquay Plymouth Falmouth Newquay Penzance Bude
Weymouth Bournemouth Poole Mousehole Polperro Clovelly Aberystwyth Llandudno Tenby Aberaeron Rhyl Porthmadog Largs
Oban Portrush Tobermory Ullapool Portree Musselburgh Berwick Ayr Sunderland Swansea""")) | {
    "Robin Hood's Bay", "Great Yarmouth", "St Ives", "Lyme Regis", "St Andrews"}
AUTHORS = ["Julia Donaldson", "Roald Dahl", "Jacqueline Wilson", "David Walliams", "Tom Fletcher", "Michael Rosen",
           "Cressida Cowell", "Malorie Blackman", "Onjali Q. Raúf", "Anthony Horowitz", "Dav Pilkey", "Liz Pichon"]
SINGERS = ["Taylor Swift", "Ed Sheeran", "Harry Styles", "Olivia Rodrigo", "Stormzy", "Dua Lipa", "Lewis Capaldi",
           "Sam Ryder", "Raye"]
SPORT_STARS = ["Marcus Rashford", "Bukayo Saka", "Tom Daley", "Lewis Hamilton", "Emma Raducanu", "Chloe Kelly",
               "Mary Earps", "Leah Williamson", "Gareth Bale", "Jude Bellingham", "Dina Asher-Smith", "Steve Backshall"]


# Schools: stage | name in the agency's records | names a letter may use (first = fullest)
SCHOOLS = [ln.split("|") for ln in lines("""
primary|St Mary's C of E Primary School|St Mary's Primary School;St Mary's Primary;St Mary's
primary|Oakwood Primary School|Oakwood Primary School;Oakwood Primary;Oakwood
primary|Cherry Tree Primary School|Cherry Tree Primary;Cherry Tree
primary|Highfield Junior School|Highfield Junior School;Highfield Juniors;Highfield
primary|Holy Trinity RC Primary School|Holy Trinity Primary;Holy Trinity
primary|Our Lady of Lourdes Catholic Primary School|Our Lady of Lourdes;Our Lady's
primary|St Patrick's Catholic Primary School|St Patrick's Primary;St Patrick's
primary|Meadowbank Infant School|Meadowbank Infant School;Meadowbank Infants;Meadowbank
primary|Greenacre Primary Academy|Greenacre Primary Academy;Greenacre Primary;Greenacre
primary|Fairfield Community Primary School|Fairfield Primary;Fairfield
primary|Riverside Primary School|Riverside Primary School;Riverside Primary;Riverside
primary|Beechwood Primary School|Beechwood Primary;Beechwood
primary|Elmhurst Primary School|Elmhurst Primary;Elmhurst
primary|Lime Tree Primary Academy|Lime Tree Primary Academy;Lime Tree
primary|St Joseph's Catholic Primary School|St Joseph's Primary;St Joseph's
primary|St Aidan's C of E Primary|St Aidan's Primary;St Aidan's
primary|St Bede's RC Junior School|St Bede's Juniors;St Bede's
primary|Willow Bank Primary School|Willow Bank Primary;Willow Bank
primary|Brambletye Junior School|Brambletye Juniors;Brambletye
primary|Parkside Community Primary School|Parkside Primary;Parkside
primary|Ysgol Gymraeg Aberystwyth|Ysgol Gymraeg Aberystwyth;Ysgol Gymraeg
primary|Ysgol y Graig|Ysgol y Graig
primary|Ysgol Pen y Bryn|Ysgol Pen y Bryn;Pen y Bryn
primary|St Ninian's Primary School|St Ninian's Primary;St Ninian's
primary|Craigmount Primary School|Craigmount Primary;Craigmount
primary|Hollybush Primary School|Hollybush Primary;Hollybush
primary|Kingfisher Primary School|Kingfisher Primary School;Kingfisher Primary
primary|Woodlands Academy|Woodlands Academy
primary|Brook Lane Junior School|Brook Lane Juniors;Brook Lane
primary|Sandringham Infant and Nursery School|Sandringham Infants;Sandringham
primary|Thornhill Primary School|Thornhill Primary;Thornhill
primary|Ashby Road Primary School|Ashby Road Primary
primary|Bishop Wand C of E Primary|Bishop Wand
primary|Castle Hill Primary School|Castle Hill Primary;Castle Hill
primary|Moorside Primary School|Moorside Primary;Moorside
primary|St Teilo's Church in Wales Primary|St Teilo's Primary;St Teilo's
secondary|Hillcrest Academy|Hillcrest Academy;Hillcrest
secondary|Ravensbourne School|Ravensbourne School;Ravensbourne
secondary|Kingsdale Foundation School|Kingsdale Foundation School;Kingsdale
secondary|Harrogate Grammar School|Harrogate Grammar School;Harrogate Grammar
secondary|Rossett School|Rossett School;Rossett
secondary|Prince Henry's Grammar School|Prince Henry's Grammar;Prince Henry's
secondary|Northgate High School|Northgate High School;Northgate High;Northgate
secondary|Westfield Academy|Westfield Academy;Westfield
secondary|Sir John Leman High School|Sir John Leman High School;Sir John Leman
secondary|Thomas Tallis School|Thomas Tallis School;Thomas Tallis
secondary|Queen Elizabeth's Grammar School|Queen Elizabeth's Grammar;QEGS
secondary|Heathfield Community College|Heathfield Community College;Heathfield
secondary|Beacon Academy|Beacon Academy
secondary|Bearsden Academy|Bearsden Academy
secondary|Portobello High School|Portobello High School;Portobello High
secondary|Ysgol Glan Clwyd|Ysgol Glan Clwyd;Glan Clwyd
secondary|St Teilo's Church in Wales High School|St Teilo's High School;St Teilo's
secondary|Archbishop Holgate's School|Archbishop Holgate's School;Holgate's
secondary|Carr Manor Community School|Carr Manor Community School;Carr Manor
secondary|Brooksbank School|Brooksbank School;Brooksbank
secondary|Ormiston Rivers Academy|Ormiston Rivers Academy;Ormiston Rivers
secondary|Dame Alice Owen's School|Dame Alice Owen's School;Dame Alice Owen's
secondary|King Edward VI Grammar School|King Edward VI Grammar;King Edward's
secondary|Malcolm Arnold Academy|Malcolm Arnold Academy
nursery|Little Acorns Nursery|Little Acorns Nursery;Little Acorns
nursery|Busy Bees Pre-School|Busy Bees Pre-School;Busy Bees
nursery|Willow Tree Day Nursery|Willow Tree Nursery;Willow Tree
nursery|Rainbow Day Nursery|Rainbow Day Nursery;Rainbow Nursery
nursery|Tiny Tots Pre-school|Tiny Tots Pre-school;Tiny Tots
nursery|Sunflowers Montessori Nursery|Sunflowers Montessori;Sunflowers
nursery|Ladybirds Playgroup|Ladybirds Playgroup;Ladybirds
nursery|Ashgrove Nursery|Ashgrove Nursery;Ashgrove
nursery|Teddy Bears Nursery|Teddy Bears Nursery;Teddy Bears
nursery|Cylch Meithrin Seren Fach|Cylch Meithrin Seren Fach;Seren Fach
nursery|Happy Days Nursery and Pre-School|Happy Days Nursery;Happy Days
nursery|Stepping Stones Pre-School|Stepping Stones Pre-School;Stepping Stones
college|Leeds City College|Leeds City College
college|Harrogate College|Harrogate College
college|Kingsmead Sixth Form College|Kingsmead Sixth Form College;Kingsmead Sixth Form;Kingsmead
college|Bromley College of Further and Higher Education|Bromley College
college|Gower College Swansea|Gower College
college|Edinburgh College|Edinburgh College
college|Sheffield College|Sheffield College
college|Runshaw College|Runshaw College;Runshaw
college|Hartpury College|Hartpury College;Hartpury
""")]

# Workplaces: name in records | names a letter may use
WORKPLACES = [ln.split("|") for ln in lines("""
J Sainsbury plc|Sainsbury's
Tesco Stores Ltd|Tesco
Asda Stores Ltd|Asda
Wm Morrison Supermarkets|Morrisons
Aldi Stores|Aldi
The Co-operative Group|Co-op
Marks and Spencer plc|M&S;Marks and Spencer
Boots UK|Boots
Greggs plc|Greggs
Royal Mail Group|Royal Mail
Amazon UK Services|Amazon
John Lewis Partnership|John Lewis
Waitrose|Waitrose
Barclays Bank|Barclays
NatWest Group|NatWest
Nationwide Building Society|Nationwide
Royal Marsden NHS Foundation Trust|Royal Marsden
Guy's and St Thomas' NHS Foundation Trust|St Thomas';Guy's
King's College Hospital|King's College Hospital;King's
Leeds Teaching Hospitals (LGI)|Leeds General Infirmary;the LGI
Harrogate and District NHS Foundation Trust|Harrogate District Hospital
Cambridge University Hospitals (Addenbrooke's)|Addenbrooke's
Bromley Council|Bromley Council
Leeds City Council|Leeds City Council
Kent County Council|Kent County Council
Network Rail|Network Rail
Arriva|Arriva
Stagecoach|Stagecoach
Hartley & Sons Builders Ltd|Hartley & Sons Builders;Hartley & Sons
Patel's Pharmacy|Patel's Pharmacy
Whitfield Dental Practice|Whitfield Dental
Premier Inn|Premier Inn
J D Wetherspoon|Wetherspoons;Spoons
Jaguar Land Rover|Jaguar Land Rover;JLR
Rolls-Royce plc|Rolls-Royce
BAE Systems|BAE Systems;BAE
Airbus UK|Airbus
Nissan Sunderland plant|Nissan
BT Group (Openreach)|Openreach;BT
Ocado Retail|Ocado
DPD UK|DPD
Evri|Evri
Specsavers|Specsavers
Halfords|Halfords
Pets at Home|Pets at Home
Card Factory|Card Factory
Dunelm|Dunelm
Screwfix|Screwfix
Travis Perkins|Travis Perkins
HM Revenue & Customs|HMRC
Department for Work and Pensions|the DWP;DWP
Capita|Capita
Serco|Serco
Kier Group|Kier
The Red Lion, Otford|the Red Lion
Crown & Anchor public house|Crown & Anchor
Brambles Care Home|Brambles Care Home;Brambles
Oak Lodge Residential Care|Oak Lodge
Fenwick|Fenwick
Bettys Café Tea Rooms|Bettys
Lush Retail|Lush
Pizza Hut Delivery|Pizza Hut
Burberry|Burberry
GXO Logistics|GXO
""")]

# Clubs: activity | name in records | names a letter may use | age range
CLUBS = [ln.split("|") for ln in lines("""
football|Bromley Juniors Football Club|Bromley Juniors FC;Bromley Juniors|6-16
football|Ashfield Tigers JFC|Ashfield Tigers;Tigers under-9s|6-11
football|Northfield Colts FC|Northfield Colts|6-14
football|Valley Rangers Junior Football Club|Valley Rangers U10s;Valley Rangers|7-12
football|Wildcats Girls' Football (Otley)|Otley Wildcats;Wildcats|5-11
football|Harrogate Railway Athletic Juniors|Harrogate Railway Juniors|7-15
football|Penybont Juniors|Penybont Juniors|7-15
rugby|Otley RUFC Minis and Juniors|Otley Rugby Juniors;Otley Minis|6-15
rugby|Pontypridd Youth RFC|Ponty Youth|12-17
rugby|Beckenham RFC Minis|Beckenham Minis|5-11
cricket|Beckenham Cricket Club|Beckenham Cricket Club;Beckenham CC|7-17
netball|Hornets Netball Club|Hornets Netball Club;Hornets Netball|8-17
basketball|Spitfires Basketball Club|Spitfires Basketball;Spitfires|9-17
athletics|Harrogate Harriers and Athletic Club|Harrogate Harriers;Harriers|8-17
athletics|Saltaire Striders|Saltaire Striders|9-17
swimming|Kingfisher Swimming Club|Kingfisher Swimming Club;Kingfisher Swim Club|5-16
swimming|Sevenoaks Sharks Swimming Club|Sevenoaks Sharks|6-16
swimming|Dolphins Swim School|Dolphins Swim School;Dolphins|3-10
gymnastics|Woodlands Gymnastics Club|Woodlands Gymnastics Club;Woodlands Gym|4-14
gymnastics|Phoenix Gymnastics Academy|Phoenix Gymnastics|4-14
martial arts|Kingsway Karate Club|Kingsway Karate|5-16
martial arts|Red Dragon Taekwondo|Red Dragon Taekwondo;Red Dragon|5-16
dance|Starlight Dance School|Starlight Dance School;Starlight Dance;Starlight|3-16
dance|Stepping Out Dance Academy|Stepping Out Dance Academy;Stepping Out|3-16
drama|Jigsaw Performing Arts School|Jigsaw Performing Arts;Jigsaw|4-17
drama|Razzamataz Theatre School|Razzamataz|4-17
drama|Pauline Quirke Academy|Pauline Quirke Academy;PQA|4-17
drama|Curtain Up Youth Theatre|Curtain Up Youth Theatre;Curtain Up|8-17
music|Allegro Youth Orchestra|Allegro Youth Orchestra;Allegro|9-17
music|Harmony Junior Choir|Harmony Junior Choir;Harmony|6-14
music|St John's Church choir|St John's Church choir;St John's choir|6-17
music|Rock Academy Saturday School|Rock Academy|8-17
scouts|1st Petts Wood Brownies|1st Petts Wood Brownies|7-10
scouts|2nd Otley Scouts|2nd Otley Scouts|10-14
scouts|3rd Ilkley Cubs|3rd Ilkley Cubs|8-10
scouts|4th Beckenham Beavers|4th Beckenham Beavers|6-8
scouts|1st Whitby Rainbows|1st Whitby Rainbows|4-7
scouts|5th Chislehurst Guides|5th Chislehurst Guides|10-14
cadets|TS Resolute Sea Cadets|TS Resolute|10-17
cadets|1234 (Wharfedale) Squadron Air Cadets|Wharfedale Squadron|12-17
riding|Oakleigh Riding School|Oakleigh Riding School;Oakleigh|5-17
riding|Brackenhill Pony Club|Brackenhill Pony Club|6-17
climbing|Boulder Shack Youth Squad|Boulder Shack|8-17
chess|Knights Chess Club|Knights Chess Club|7-17
youth club|St Mark's Youth Club|St Mark's Youth Club;St Mark's|10-17
young farmers|Wharfedale Young Farmers|Wharfedale Young Farmers|12-17
toddler|Little Kickers (Sydenham)|Little Kickers|2-5
toddler|Tumble Tots|Tumble Tots|1-5
toddler|Monkey Music|Monkey Music|0-4
skating|Ice Sheffield Skating Club|Sheffield Skate Club|6-17
""")]

STREET_NAMES = words("""
Acacia Larch Rowan Station Church Mill Park Victoria Albert Queen's King's Manor Orchard
Meadow Chestnut Beech Oak Ash Elm Willow Hawthorn Holly Laburnum Lime Cedar Sycamore Poplar
Hazel Maple Birch Cherry Primrose Bluebell Foxglove Heather Thistle Clover Meadowsweet
Kestrel Heron Kingfisher Swallow Falcon Curlew Nightingale Wren Jubilee Coronation Windsor
York Carlton Grosvenor Regent Highfield Springfield Brookfield Fairfield Westfield Northfield
Ashfield Mayfield Riverside Lakeside Bridge Castle Abbey Priory Vicarage Rectory School Chapel
Market Water Forge Tannery Quarry Dale Ridge Hillside Valley Moor Beacon Harbour Pennine
Cotswold Malvern Hanover Blenheim Marlborough Nelson Wellington Trafalgar Waterloo Gladstone
Milton Tennyson Wordsworth Byron Keats Shelley Brontë Cavendish Fitzroy Stanley Spencer
Gorse Bracken Juniper Linden Alder Aspen Hornbeam Damson Quince Plover Lapwing Fieldfare
Sandpiper Mulberry Lavender Rosemary Saffron Celandine Campion Cowslip Teasel Sorrel
""")
STREET_TYPES = words("""
Road Street Avenue Lane Close Drive Way Crescent Grove Place Court Gardens Terrace Walk Rise
Mews Square View Row Hill Park Green Parade Vale End Mead Croft Fold Gate Chase Copse Dene
Hollow Meadows Lea Nook Yard Wharf Approach Road Road Road Street Street Avenue Lane Close Drive
""")
STREETS_FIXED = ["Heol y Bryn", "Heol Las", "Lôn Goed", "Ffordd yr Ysgol", "Stryd Fawr", "Kirk Wynd",
                 "Mill Brae", "Castle Wynd", "Gallowgate", "High Street", "St Andrew's Road",
                 "St John's Close", "London Road", "Windsor Road", "York Road", "Sandringham Drive",
                 "Old Bakery Row", "Long Acre", "Church Green", "The Avenue", "Market Place"]
# "The Avenue" has a type word only: the whole "The Avenue" would start with "the", so it is never used.
STREETS_FIXED = [s for s in STREETS_FIXED if not s.startswith("The ")]

EMOJI = ["😊", "❤️", "🎂", "😂", "🥰", "🎉", "👍🏻", "🎄", "⚽", "🐶", "☀️", "🌈", "💕", "🙏", "✨",
         "👨‍👩‍👧", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏴󠁧󠁢󠁷󠁬󠁳󠁿", "🐱", "🦕", "🎁", "😍", "🤞", "💙", "🍰", "🏖️", "❄️", "🐾", "😁", "🙈"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SEASONS = ["spring", "summer", "autumn", "winter"]
FOODS = ["spaghetti bolognese", "fish fingers", "pizza", "jollof rice", "curry", "roast dinners",
         "pancakes", "sushi", "cheese on toast", "Yorkshire puddings", "jacket potatoes", "pierogi",
         "plantain", "fajitas", "Nan's trifle", "strawberries", "anything with ketchup", "dhal"]
COLOURS = ["purple", "green", "blue", "pink", "yellow", "orange", "red", "turquoise", "black"]
INSTRUMENTS = ["piano", "violin", "drums", "guitar", "recorder", "trumpet", "ukulele", "clarinet", "cello"]
SPORTS = ["football", "swimming", "gymnastics", "dance", "rugby", "netball", "karate", "cricket",
          "horse riding", "tennis", "athletics", "climbing", "judo", "basketball", "skateboarding"]
GENERIC_GROUPS = ["Rainbows", "Beavers", "Brownies", "Cubs", "Scouts", "Guides", "the choir",
                  "swimming lessons", "football training", "drama club", "a coding club", "Sunday school",
                  "the school orchestra", "gymnastics", "the youth club", "ballet", "street dance"]

# Ofcom drama-range numbers: (prefix for display, area/mobile code, local part generator)


# ---------------------------------------------------------------------------------------
# Text engine: a letter is built from segments, plain str or M (a marked detail)
# ---------------------------------------------------------------------------------------

class M:
    __slots__ = ("kind", "text", "ent")

    def __init__(self, kind, text, ent=None):
        assert kind in KINDS, kind
        assert text and text == text.strip(), (kind, text)
        self.kind, self.text, self.ent = kind, text, ent

    def with_text(self, text):
        return M(self.kind, text, self.ent)

    def __repr__(self):
        return "M(%s,%r)" % (self.kind, self.text)


class Missing(Exception):
    """A template needs something this letter's family does not have."""


CHOICE_RE = re.compile(r"\[([^\[\]]*)\]")
MARK_RE = re.compile(r"<<([A-Z_]+)\|(.*?)>>", re.S)
PH_RE = re.compile(r"\{(\w+)\}")
AGE_RE = re.compile(r"^<(\d+)-(\d+)>")


def normalize(segs):
    out = []
    for s in segs:
        if isinstance(s, str):
            if not s:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += s
                continue
        out.append(s)
    return out


def has_mark(segs):
    return any(isinstance(s, M) for s in segs)


def seg_text(segs):
    return "".join(s if isinstance(s, str) else s.text for s in segs)


class Ctx:
    def __init__(self, rng):
        self.rng = rng
        self.vals = {}

    def __setitem__(self, k, v):
        self.vals[k] = v

    def __contains__(self, k):
        return k in self.vals and self.vals[k] is not None

    def get(self, key):
        if key not in self.vals:
            raise Missing(key)
        v = self.vals[key]
        if callable(v):
            v = v()
        if v is None:
            raise Missing(key)
        return v

    def _plain(self, s):
        out = []
        pos = 0
        for m in PH_RE.finditer(s):
            out.append(s[pos:m.start()])
            v = self.get(m.group(1))
            if isinstance(v, (str, M)):
                out.append(v)
            else:
                out.extend(v)
            pos = m.end()
        out.append(s[pos:])
        return out

    def render(self, tpl):
        s = CHOICE_RE.sub(lambda m: self.rng.choice(m.group(1).split("|")), tpl)
        segs = []
        pos = 0
        for m in MARK_RE.finditer(s):
            segs += self._plain(s[pos:m.start()])
            inner = self._plain(m.group(2))
            if has_mark(inner):
                raise ValueError("nested detail inside <<%s|...>> in %r" % (m.group(1), tpl))
            segs.append(M(m.group(1), seg_text(inner).strip()))
            pos = m.end()
        segs += self._plain(s[pos:])
        return normalize(segs)


def parse_pool(items):
    """'<4-11>' first: only for a child aged 4 to 11; '@name ' next: one of that group per letter."""
    out = []
    for it in items:
        lo, hi, group = 0, 99, None
        m = AGE_RE.match(it)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            it = it[m.end():]
        if it.startswith("@"):
            group, it = it[1:].split(" ", 1)
        out.append((lo, hi, it, group))
    return out


# ---------------------------------------------------------------------------------------
# Generated values: postcodes, phones, emails, plates, dates
# ---------------------------------------------------------------------------------------

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def make_inward(rng):
    return "%d%s%s" % (rng.randint(1, 9), rng.choice(INWARD_LETTERS), rng.choice(INWARD_LETTERS))


def fmt_postcode(rng, outward, inward, style=None):
    style = style or rng.choices(["std", "std", "std", "std", "nospace", "lower", "lowernospace"],
                                 k=1)[0]
    if style == "std":
        return outward + " " + inward
    if style == "nospace":
        return outward + inward
    if style == "lower":
        return (outward + " " + inward).lower()
    return (outward + inward).lower()


MOBILE_RANGE = ("07700", "900")
LANDLINES = [("020", "7946 0"), ("0113", "496 0"), ("0114", "496 0"), ("0115", "496 0"),
             ("0116", "496 0"), ("0117", "496 0"), ("0118", "496 0"), ("0121", "496 0"),
             ("0131", "496 0"), ("0141", "496 0"), ("0151", "496 0"), ("0161", "496 0"),
             ("029", "2018 0"), ("028", "9018 0"), ("01632", "960")]


class Phone:
    def __init__(self, rng, mobile=True):
        self.mobile = mobile
        if mobile:
            self.digits = "07700900" + "%03d" % rng.randint(0, 999)
        else:
            code, mid = rng.choice(LANDLINES)
            self.code, self.mid = code, mid
            tail = "%03d" % rng.randint(0, 999)
            self.local = (mid + tail).replace(" ", "")
            self.digits = code + self.local

    def record(self, rng):
        return rng.choice([self.digits, "+44" + self.digits[1:], self.fmt(rng, 0)])

    def fmt(self, rng, style=None):
        d = self.digits
        if self.mobile:
            styles = ["%s %s" % (d[:5], d[5:]), d, "%s %s %s" % (d[:5], d[5:8], d[8:]),
                      "+44 %s %s" % (d[1:5], d[5:]), "+44 (0)%s %s" % (d[1:5], d[5:]),
                      "%s-%s-%s" % (d[:5], d[5:8], d[8:]), "+447%s" % d[2:],
                      "%s %s %s" % (d[:4], d[4:7], d[7:])]
        else:
            c, loc = self.code, self.local
            if len(c) == 3:      # 020 7946 0123
                a, b = loc[:4], loc[4:]
            elif len(c) == 4:    # 0113 496 0123
                a, b = loc[:3], loc[3:]
            else:                # 01632 960123
                a, b = loc, ""
            sp = (" " + b) if b else ""
            styles = ["%s %s%s" % (c, a, sp), "(%s) %s%s" % (c, a, sp), c + loc,
                      "+44 %s %s%s" % (c[1:], a, sp), "%s-%s%s" % (c, a, ("-" + b) if b else "")]
        if style is None:
            return rng.choice(styles)
        return styles[style]


EMAIL_DOMAINS = ["gmail.com", "gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com",
                 "icloud.com", "live.co.uk", "sky.com", "aol.com", "hotmail.com", "proton.me", "virginmedia.com"]


def simple_ascii(s):
    table = {"é": "e", "ë": "e", "è": "e", "â": "a", "á": "a", "à": "a", "ï": "i", "í": "i", "ó": "o",
             "ö": "o", "ú": "u", "ü": "u", "ç": "c", "ł": "l", "Ł": "L", "ś": "s", "ń": "n", "ą": "a",
             "ę": "e", "ż": "z", "ź": "z", "ć": "c", "ı": "i", "Ó": "O", "Í": "I", "ô": "o"}
    return "".join(table.get(ch, ch) for ch in s)


def make_email(rng, first, surname, extra=None):
    f = simple_ascii(first).lower().replace("-", "").replace("'", "")
    s = simple_ascii(surname).lower().replace(" ", "").replace("'", "").replace("-", "")
    n = rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1975, 2009)), "x", "_"])
    local = rng.choice([f + "." + s + n, f + s + n, f[0] + s + n, f + "_" + s, s + "." + f + n,
                        f + n + "x", (extra or f) + "smum" if extra else f + "." + s + n,
                        s + "family", f + "and" + rng.choice(["tom", "dave", "colin", "mark", "dan"]),
                        f + "_" + s[:4] + n])
    local = local.strip("._")
    return local + "@" + rng.choice(EMAIL_DOMAINS)


def email_variant(rng, email):
    r = rng.random()
    if r < 0.6:
        return email
    if r < 0.75:
        loc, dom = email.split("@")
        return ".".join(p[:1].upper() + p[1:] for p in loc.split(".")) + "@" + dom
    if r < 0.85:
        return email.upper()
    if r < 0.93:
        loc, dom = email.split("@")
        return loc + " at " + dom.replace(".", " dot ")
    loc, dom = email.split("@")
    return loc + " @ " + dom


PLATE_AREAS = ["LK", "LD", "LN", "YD", "YK", "YR", "FN", "FG", "BD", "BK", "MA", "MF", "SN", "SK",
               "CV", "CY", "WP", "WR", "NA", "ND", "EY", "GN", "HF", "KP", "OU", "PF", "RJ", "VN", "DA", "AO"]
PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"


def make_plate(rng):
    style = rng.choices(["current", "current", "current", "prefix", "suffix"], k=1)[0]
    l3 = "".join(rng.choice(PLATE_LETTERS) for _ in range(3))
    if style == "current":
        age = rng.choice(["%02d" % y for y in list(range(5, 25)) + list(range(55, 74))])
        return rng.choice(PLATE_AREAS) + age + " " + l3
    if style == "prefix":
        return rng.choice("ABCDEFGHJKLMNPRSTVWXY") + str(rng.randint(1, 999)) + " " + l3
    return l3 + " " + str(rng.randint(1, 999)) + rng.choice("ABCDEFGHJKLMNPRSTVWXY")


def plate_variant(rng, plate):
    r = rng.random()
    if r < 0.7:
        return plate
    if r < 0.9:
        return plate.replace(" ", "")
    return plate.lower()


def ordinal(n):
    if 11 <= n % 100 <= 13:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def fmt_date(rng, d, m, y, style=None):
    styles = ["%s %s %d" % (ordinal(d), MONTHS[m - 1], y), "%d %s %d" % (d, MONTHS[m - 1], y),
              "%02d/%02d/%d" % (d, m, y), "%d/%d/%d" % (d, m, y), "%d.%d.%02d" % (d, m, y % 100),
              "%s %s %d" % (MONTHS[m - 1], ordinal(d), y), "%s of %s %d" % (ordinal(d), MONTHS[m - 1], y),
              "%02d/%02d/%02d" % (d, m, y % 100), "%d %s %d" % (d, MONTHS[m - 1][:3], y),
              "%02d-%02d-%d" % (d, m, y)]
    if style is None:
        style = rng.choices(range(len(styles)), weights=[5, 4, 3, 2, 1, 2, 1, 1, 1, 1], k=1)[0]
    return styles[style]


def rand_date(rng, year):
    m = rng.randint(1, 12)
    d = rng.randint(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return d, m, year


# ---------------------------------------------------------------------------------------
# The two families on one letterbox arrangement
# ---------------------------------------------------------------------------------------

FORMAL = {"Pat": "Patricia", "Sue": "Susan", "Val": "Valerie", "Jo": "Joanne", "Nat": "Natalie",
          "Bev": "Beverley", "Sam": "Samantha", "Dave": "David", "Steve": "Stephen", "Chris": "Christopher",
          "Andy": "Andrew", "Rob": "Robert", "Matt": "Matthew", "Dan": "Daniel", "Ken": "Kenneth",
          "Kev": "Kevin", "Phil": "Philip", "Jon": "Jonathan", "Becky": "Rebecca", "Kate": "Katherine",
          "Tom": "Thomas", "Ben": "Benjamin", "Alex": "Alexandra", "Gaz": "Gary", "Jim": "James",
          "Terry": "Terence", "Del": "Derek", "Tony": "Anthony", "Mo": "Maureen", "Bob": "Robert"}

GRANDMA_WORDS = ["Grandma", "Granny", "Nana", "Nanna", "Gran", "Nain", "Babcia", "Nani", "Grandmama"]
GRANDAD_WORDS = ["Grandad", "Grandpa", "Gramps", "Taid", "Dziadek", "Granda", "Pop"]
NAN_WORDS = ["Nanny", "Nan", "Nana", "Granny", "Nanna", "Grandma"]
TITLES_F = ["Mrs", "Miss", "Ms", "Mrs", "Miss"]
TITLES_M = ["Mr", "Mr", "Mr"]
OLD_MEN = words("Bob Colin Keith Brian Barry Terry Ken Derek Alan Trevor Tony Jim Len Ray Mick Dennis")
OLD_WOMEN = words("Jean Pat Maureen Linda Sandra Brenda Sue Carol Margaret Val Pauline Mo Irene Sheila Joan")


class Family:
    """Everything both families are: the source of every name, place and number in a letter."""

    def __init__(self, rng):
        r = self.rng = rng
        used = set()

        def surname(exclude=()):
            while True:
                s = r.choice(SURNAMES)
                if s not in used and s not in exclude:
                    used.add(s)
                    return s

        # adoptive family
        self.shape = r.choices(["mf", "ff", "mm", "single_f", "single_m"], weights=[60, 11, 10, 15, 4])[0]
        self.a_sur = surname()
        p = []
        if self.shape in ("mf", "ff", "single_f"):
            p.append(("Mum", r.choice(ADULT_WOMEN), "f"))
        if self.shape in ("mf", "mm", "single_m"):
            p.append(("Dad", r.choice(ADULT_MEN), "m"))
        if self.shape == "ff":
            p.append(("Mummy", r.choice([n for n in ADULT_WOMEN if n != p[0][1]]), "f"))
        if self.shape == "mm":
            p.append(("Papa", r.choice([n for n in ADULT_MEN if n != p[0][1]]), "m"))
        self.parents = p
        # the child
        self.gender = r.choice("fm")
        self.age = r.choices(range(1, 18), weights=[4, 6, 7, 8, 9, 9, 9, 8, 8, 7, 7, 6, 5, 5, 4, 3, 3])[0]
        names = GIRLS if self.gender == "f" else BOYS
        self.child = r.choice(names)
        self.birth_name = self.child if r.random() < 0.75 else r.choice([n for n in names if n != self.child])
        by = 2024 - self.age
        self.dob = rand_date(r, by)
        # siblings in the adoptive family (first names only)
        self.sibs = []
        for _ in range(r.choices([0, 1, 2], weights=[45, 42, 13])[0]):
            self.sibs.append(r.choice([n for n in GIRLS + BOYS if n != self.child and n not in self.sibs]))
        self.sib_age = max(1, min(17, self.age + r.choice([-3, -2, -1, 2, 3, 4])))
        # home
        self.a_town = self._town()
        self.a_street, self.a_num = self._street()
        self.a_inward = make_inward(r)
        self.a_outward = r.choice(self.a_town[2].split())
        # school and clubs
        self.school = self._school(self.age)
        self.sib_school = self._school(self.sib_age) if self.sibs else None
        clubs = [c for c in CLUBS if int(c[3].split("-")[0]) <= self.age <= int(c[3].split("-")[1])]
        r.shuffle(clubs)
        self.clubs = clubs[:r.choice([0, 1, 1, 2, 2, 3])]
        # work
        self.a_work = [r.choice(WORKPLACES) if r.random() < 0.75 else None for _ in p]
        # adoptive relatives
        self.a_gran = (r.choice(GRANDMA_WORDS), r.choice(OLD_WOMEN),
                       self.a_sur if r.random() < 0.5 else surname())
        self.a_grandad = (r.choice(GRANDAD_WORDS), r.choice(OLD_MEN))
        self.a_aunt = (r.choice(["Auntie", "Aunty", "Aunt"]), r.choice(ADULT_WOMEN), surname())
        self.a_uncle = (r.choice(["Uncle"]), r.choice(ADULT_MEN))
        self.cousin = r.choice(GIRLS + BOYS)
        self.pets = [(r.choice(PETS), r.choice(PET_KINDS)) for _ in range(r.choices([0, 1, 2], weights=[40, 45, 15])[0])]
        if len(self.pets) == 2 and self.pets[0][0] == self.pets[1][0]:
            self.pets.pop()
        fr_pool = [n for n in (GIRLS if self.gender == "f" else BOYS) if n not in (self.child, self.birth_name)]
        self.friends = r.sample(fr_pool, 4)
        self.friend_other = r.choice(GIRLS if self.gender == "m" else BOYS)
        self.friend_sur = surname()
        self.teacher = (r.choice(TITLES_F + TITLES_M + ["Mrs"]), surname())
        self.head = (r.choice(["Mr", "Mrs", "Ms", "Dr"]), surname())
        self.doctor = ("Dr", surname())
        self.coach = surname()
        self.neighbours = surname()
        self.a_phone = Phone(r, mobile=r.random() < 0.6)
        p1 = p[0][1]
        self.a_email = make_email(r, p1, self.a_sur)
        self.a_plate = make_plate(r)
        # birth family
        self.b_sur = surname()
        self.b_mum = r.choice(ADULT_WOMEN)
        self.bd_sur = self.b_sur if r.random() < 0.15 else surname()
        self.b_dad = r.choice(ADULT_MEN)
        self.b_nan = (r.choice(NAN_WORDS), r.choice(OLD_WOMEN), self.b_sur if r.random() < 0.6 else surname())
        self.b_grandad = (r.choice(["Grandad", "Grandpa", "Pops", "Grandad"]), r.choice(OLD_MEN))
        self.b_town = self._town(exclude=(self.a_town,))
        self.b_street, self.b_num = self._street()
        self.b_inward = make_inward(r)
        self.b_outward = r.choice(self.b_town[2].split())
        self.b_work = r.choice(WORKPLACES) if r.random() < 0.7 else None
        self.bd_work = r.choice(WORKPLACES) if r.random() < 0.5 else None
        self.b_college = r.choice([s for s in SCHOOLS if s[0] == "college"])
        bs = []
        for _ in range(r.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]):
            bs.append(r.choice([n for n in GIRLS + BOYS if n not in (self.child, self.birth_name) and n not in bs]))
        self.b_sibs = bs
        self.b_sib_age = r.randint(3, 16)
        self.b_sib_school = self._school(self.b_sib_age)
        self.b_baby = r.choice(GIRLS + BOYS) if r.random() < 0.5 else None
        self.b_baby_dob = rand_date(r, 2023)
        self.partner = (r.choice(ADULT_MEN), surname())
        self.b_phone = Phone(r, mobile=r.random() < 0.75)
        self.b_email = make_email(r, self.b_mum, self.b_sur)
        self.b_plate = make_plate(r)
        handle_base = simple_ascii(self.b_mum).lower()
        self.b_social = r.choice([
            "facebook.com/%s.%s.%d" % (handle_base, simple_ascii(self.b_sur).lower().replace(" ", "").replace("'", ""), r.randint(1, 9999)),
            "@%s_%s%d" % (handle_base, simple_ascii(self.b_sur).lower()[:3], r.randint(1, 99)),
            "%s.%s.x" % (handle_base, simple_ascii(self.b_sur).lower().replace(" ", "").replace("'", "")),
            "https://www.facebook.com/%s%s" % (handle_base, r.randint(100, 99999)),
            "instagram.com/%s_nails_%s" % (handle_base, r.choice(["x", "uk", "bymum"])),
            "tiktok.com/@%s.mum%d" % (handle_base, r.randint(1, 99)),
        ])
        cb = simple_ascii(self.child).lower().replace("-", "")
        self.c_social = r.choice([
            "@%s.%s%02d" % (cb, r.choice(["rose", "x", "xo", "official", "plays", "jay"]), r.randint(0, 15)),
            "%s_%d" % (cb, by), "%s%d" % (cb + r.choice(["y", "", "z"]), by),
            "%s.%s" % (cb, simple_ascii(self.a_sur).lower()[:1] + "x"),
            "xX%s%sXx" % (cb.capitalize(), r.choice(["Gamer", "TheGreat", "HD", "YT"])),
        ])
        self.sw = (r.choice(ADULT_WOMEN + ADULT_MEN), surname())
        self.b_support = (r.choice(ADULT_WOMEN), surname())
        self.trips = [self._town(exclude=(self.a_town, self.b_town)) for _ in range(3)]
        self.sea = r.choice([t for t in TOWNS if t[0] in COASTAL and t not in (self.a_town, self.b_town)])
        self.sib_gender = "f" if (self.sibs and self.sibs[0] in GIRLS) else "m"
        self.nan_choir = r.choice(NAN_CHOIRS)
        self.nan_society = r.choice(NAN_SOCIETIES)
        self.bsib_club = r.choice(BSIB_CLUBS)
        bsn = simple_ascii(self.b_sibs[0]).lower().replace("-", "") if self.b_sibs else "kid"
        self.bsib_social = r.choice(["@%s.%s%d" % (bsn, r.choice(["x", "xo", "hd"]), r.randint(1, 99)),
                                     "%s_%d" % (bsn, 2024 - self.b_sib_age), "%s%sx" % (bsn, r.choice(["bby", "y", "z"]))])
        self.nan_dob = rand_date(r, r.randint(1946, 1962))
        self.nan_street, self.nan_num = self._street()
        self.nan_inward = make_inward(r)
        self.friend_mum = r.choice(ADULT_WOMEN)
        self.teen_work = r.choice(WORKPLACES[:20])

    def name_clash(self):
        """True if a first name in this family is also a surname in the letter's world: such a letter
        would mark one occurrence of a word and leave another, so the generator draws again."""
        sur = {self.a_sur, self.b_sur, self.bd_sur, self.a_gran[2], self.a_aunt[2], self.b_nan[2], self.partner[1],
               self.friend_sur, self.teacher[1], self.head[1], self.doctor[1], self.coach, self.neighbours,
               self.sw[1], self.b_support[1]}
        firsts = [self.child, self.birth_name, self.cousin, self.friend_other, self.b_mum, self.b_dad,
                  self.a_gran[1], self.a_grandad[1], self.a_aunt[1], self.a_uncle[1], self.b_nan[1], self.b_grandad[1],
                  self.partner[0], self.sw[0], self.b_support[0], self.friend_mum, self.b_baby or ""]
        firsts += self.sibs + self.friends + self.b_sibs + [p[1] for p in self.parents] + [p[0] for p in self.pets]
        return any(n in sur for n in firsts)

    def _town(self, exclude=()):
        while True:
            t = self.rng.choice(TOWNS)
            if t not in exclude and t[0] != "London":
                return t

    def _street(self):
        r = self.rng
        if r.random() < 0.18:
            # a flat: "Flat 3, Rowan Court"
            st = r.choice(STREET_NAMES) + " " + r.choice(["Court", "Court", "Mews", "Wharf", "Gardens", "Court"])
            num = "Flat %d, " % r.randint(1, 24) if r.random() < 0.7 else \
                "Flat %d%s, " % (r.randint(1, 9), r.choice("ab"))
            return st, num
        if r.random() < 0.12:
            st = r.choice(STREETS_FIXED)
        else:
            st = r.choice(STREET_NAMES) + " " + r.choice(STREET_TYPES)
        num = str(r.randint(1, 180)) + (r.choice("abc") if r.random() < 0.08 else "") + " "
        return st, num

    def _school(self, age):
        r = self.rng
        if age <= 3:
            stage = "nursery"
        elif age <= 10:
            stage = "primary"
        elif age <= 15:
            stage = "secondary"
        else:
            stage = r.choice(["secondary", "college"])
        return r.choice([s for s in SCHOOLS if s[0] == stage])

    def year_group(self, age=None):
        age = self.age if age is None else age
        if age <= 3:
            return "nursery"
        if age == 4:
            return "Reception"
        return "Year %d" % (age - 4) if age <= 17 else "sixth form"


def url_slug(name):
    s = simple_ascii(name).lower().replace("'", "").replace("&", "and")
    return re.sub(r"[^a-z0-9]+", "", s)


def build_ctx(f, rng, birth_voice=False, sloppy=False):
    """The placeholders a template may use. Upper-case keys give marked details."""
    c = Ctx(rng)
    R = rng

    def low(s):
        return s.lower() if sloppy and R.random() < 0.45 else s

    def mk(kind, text, ent=None):
        return M(kind, text, ent)

    # the child
    fem = f.gender == "f"
    use_birth_name = birth_voice and f.birth_name != f.child and R.random() < 0.4
    c["C"] = f.birth_name if use_birth_name else f.child
    c["Cnew"] = f.child
    c["CU"] = f.child.upper()
    c["he"], c["him"], c["his"] = ("she", "her", "her") if fem else ("he", "him", "his")
    c["He"], c["His"], c["himself"] = ("She", "Her", "herself") if fem else ("He", "His", "himself")
    c["son"] = "daughter" if fem else "son"
    c["boy"] = "girl" if fem else "boy"
    c["brother"] = "sister" if fem else "brother"
    c["age"] = str(f.age)
    c["age_next"] = str(f.age + 1)
    c["yr"] = f.year_group()
    c["yr_next"] = f.year_group(f.age + 1)
    c["S"] = f.sibs[0] if f.sibs else None
    c["S2"] = f.sibs[1] if len(f.sibs) > 1 else None
    c["sib_age"] = str(f.sib_age) if f.sibs else None
    # adoptive parents
    c["A1"] = f.parents[0][1]
    c["A1rel"] = f.parents[0][0]
    c["A2"] = f.parents[1][1] if len(f.parents) > 1 else None
    c["A2rel"] = f.parents[1][0] if len(f.parents) > 1 else None
    c["parents"] = ("%s and %s" % (f.parents[0][1], f.parents[1][1])) if len(f.parents) > 1 else f.parents[0][1]
    c["mumdad"] = "mum and dad" if f.shape == "mf" else ("mums" if f.shape == "ff" else
                                                          ("dads" if f.shape == "mm" else
                                                           ("mum" if f.shape == "single_f" else "dad")))
    # pets, friends, relatives (plain: a first name is never marked)
    c["P"] = f.pets[0][0] if f.pets else None
    c["pet"] = f.pets[0][1] if f.pets else None
    c["P2"] = f.pets[1][0] if len(f.pets) > 1 else None
    c["pet2"] = f.pets[1][1] if len(f.pets) > 1 else None
    c["F1"], c["F2"], c["F3"], c["F4"] = f.friends
    c["FO"] = f.friend_other
    c["gran"] = "%s %s" % (f.a_gran[0], f.a_gran[1])
    c["granw"] = f.a_gran[0]
    c["GRANFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.a_gran[1], low(f.a_gran[2])), "a_gran")
    c["grandad"] = "%s %s" % f.a_grandad
    c["aunt"] = "%s %s" % (f.a_aunt[0], f.a_aunt[1])
    c["auntw"] = f.a_aunt[0]
    c["AUNTFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.a_aunt[1], f.a_aunt[2]), "a_aunt")
    c["uncle"] = "%s %s" % f.a_uncle
    c["cousin"] = f.cousin
    # birth family (plain)
    c["B"] = f.b_mum
    c["BD"] = f.b_dad
    c["nan"] = "%s %s" % (f.b_nan[0], f.b_nan[1])
    c["nanw"] = f.b_nan[0]
    c["nanf"] = f.b_nan[1]
    c["NANFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.b_nan[1], f.b_nan[2]), "b_nan")
    c["NANSIGFULL"] = c.vals["NANFULL"]
    c["NANSUR"] = lambda: mk("SURNAME", low(f.b_nan[2]), "b_nan")
    c["bgrandad"] = "%s %s" % f.b_grandad
    c["BS1"] = f.b_sibs[0] if f.b_sibs else None
    c["BS2"] = f.b_sibs[1] if len(f.b_sibs) > 1 else None
    c["BS3"] = f.b_sibs[2] if len(f.b_sibs) > 2 else None
    c["bsib_age"] = str(f.b_sib_age)
    c["bsib_yr"] = f.year_group(f.b_sib_age)
    c["BABY"] = f.b_baby
    c["BABYDOB"] = (lambda: mk("DATE_OF_BIRTH", fmt_date(R, *f.b_baby_dob))) if f.b_baby else None
    c["BP"] = f.partner[0]
    c["PARTNERFULL"] = lambda: mk("PERSON_NAME", "%s %s" % f.partner)
    c["SUPPORTFULL"] = lambda: mk("PERSON_NAME", R.choice(["%s %s" % f.b_support, "%s %s" % f.b_support,
                                                            "Ms %s" % f.b_support[1]]))
    c["SW"] = lambda: mk("PERSON_NAME", R.choice(["%s %s" % f.sw, "%s %s" % f.sw,
                                                   ("Ms " if f.sw[0] in ADULT_WOMEN else "Mr ") + f.sw[1]]))
    # surnames
    c["SUR"] = lambda: mk("SURNAME", low(f.a_sur), "a_sur")
    c["SURS"] = lambda: [mk("SURNAME", low(f.a_sur), "a_sur"), "es" if f.a_sur.endswith(("s", "x", "z", "ch", "sh")) else "s"]
    c["BSUR"] = lambda: mk("SURNAME", low(f.b_sur), "b_sur")
    c["BSURS"] = lambda: [mk("SURNAME", low(f.b_sur), "b_sur"), "es" if f.b_sur.endswith(("s", "x", "z", "ch", "sh")) else "s"]
    c["BDSUR"] = lambda: mk("SURNAME", low(f.bd_sur), "b_dad")
    # places

    def town_text(t):
        return t[1] if (t[1] != t[0] and R.random() < 0.25) else t[0]
    c["TOWN"] = lambda: mk("TOWN", low(town_text(f.a_town)), "a_town")
    c["BTOWN"] = lambda: mk("TOWN", low(town_text(f.b_town)), "b_town")
    c["TRIP"] = lambda: mk("TOWN", town_text(f.trips[0]))
    c["TRIP2"] = lambda: mk("TOWN", town_text(f.trips[1]))
    c["TRIP3"] = lambda: mk("TOWN", town_text(f.trips[2]))

    def pc(outw, inw):
        return fmt_postcode(R, outw, inw)

    def full_addr(num, street, town, outw, inw, ent_a, ent_t, sep=", ", sep2=" "):
        return [mk("ADDRESS", (num + street).strip(), ent_a), sep, mk("TOWN", town_text(town), ent_t), sep2,
                mk("POSTCODE", pc(outw, inw), ent_a)]

    def street_only(street):
        return street
    c["STREET"] = lambda: mk("ADDRESS", low(street_only(f.a_street)), "a_addr")
    c["ADDR"] = lambda: mk("ADDRESS", (f.a_num + f.a_street).strip(), "a_addr")
    c["FULLADDR"] = lambda: full_addr(f.a_num, f.a_street, f.a_town, f.a_outward, f.a_inward, "a_addr", "a_town",
                                      sep2=R.choice([" ", " ", ", "]))
    c["ADDRBLOCK"] = lambda: full_addr(f.a_num, f.a_street, f.a_town, f.a_outward, f.a_inward, "a_addr", "a_town",
                                       sep="\n", sep2="\n")
    c["PC"] = lambda: mk("POSTCODE", pc(f.a_outward, f.a_inward), "a_addr")
    c["OUT"] = lambda: mk("POSTCODE", f.a_outward if R.random() < 0.8 else f.a_outward.lower(), "a_addr")
    c["BSTREET"] = lambda: mk("ADDRESS", low(street_only(f.b_street)), "b_addr")
    c["BADDR"] = lambda: mk("ADDRESS", (f.b_num + f.b_street).strip(), "b_addr")
    c["BFULLADDR"] = lambda: full_addr(f.b_num, f.b_street, f.b_town, f.b_outward, f.b_inward, "b_addr", "b_town",
                                       sep2=R.choice([" ", ", "]))
    c["BADDRBLOCK"] = lambda: full_addr(f.b_num, f.b_street, f.b_town, f.b_outward, f.b_inward, "b_addr", "b_town",
                                        sep="\n", sep2="\n")
    c["NANFULLADDR"] = lambda: full_addr(f.nan_num, f.nan_street, f.b_town, f.b_outward, f.nan_inward, None, "b_town",
                                         sep2=R.choice([" ", ", "]))
    c["BPC"] = lambda: mk("POSTCODE", pc(f.b_outward, f.b_inward), "b_addr")
    c["BOUT"] = lambda: mk("POSTCODE", f.b_outward, "b_addr")
    # schools, clubs, work

    def school_name(s):
        return R.choice(s[2].split(";"))
    c["SCHOOL"] = lambda: mk("SCHOOL", low(school_name(f.school)), "c_school")
    c["SSCHOOL"] = (lambda: mk("SCHOOL", school_name(f.sib_school), "s_school")) if f.sibs else None
    c["BCOLLEGE"] = lambda: mk("SCHOOL", school_name(f.b_college), "b_college")
    c["BSSCHOOL"] = lambda: mk("SCHOOL", school_name(f.b_sib_school), "bs_school")

    def club(i):
        if len(f.clubs) <= i:
            return None
        return lambda: with_article("CLUB", R.choice(f.clubs[i][2].split(";")), "c_club%d" % (i + 1))

    def with_article(kind, name, ent):
        # "the LGI": the article stays outside the span
        if name.startswith("the "):
            return ["the ", mk(kind, name[4:], ent)]
        return mk(kind, name, ent)
    c["CLUB"] = club(0)
    c["club"] = f.clubs[0][0] if f.clubs else None
    c["CLUB2"] = club(1)
    c["club2"] = f.clubs[1][0] if len(f.clubs) > 1 else None

    def work(w, ent):
        if not w:
            return None
        return lambda: with_article("WORKPLACE", R.choice(w[1].split(";")), ent)
    c["WORK1"] = work(f.a_work[0], "a_work1")
    c["WORK2"] = work(f.a_work[1], "a_work2") if len(f.parents) > 1 else None
    c["BWORK"] = work(f.b_work, "b_work")
    c["BDWORK"] = work(f.bd_work, "b_dad_work")
    # other people's names
    c["TEACHER"] = lambda: mk("PERSON_NAME", "%s %s" % f.teacher)
    c["HEAD"] = lambda: mk("PERSON_NAME", "%s %s" % f.head)
    c["DOCTOR"] = lambda: mk("PERSON_NAME", "%s %s" % f.doctor)
    c["COACH"] = lambda: ["Coach ", mk("SURNAME", f.coach)]
    c["NEIGHBOURS"] = lambda: ["Mr and Mrs ", mk("SURNAME", f.neighbours)]
    c["NEIGHBOURS_S"] = lambda: ["the ", mk("SURNAME", f.neighbours),
                                 "es" if f.neighbours.endswith(("s", "x", "z", "ch", "sh")) else "s"]
    c["FRIENDFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.friends[0], f.friend_sur))
    c["ASIGFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.parents[0][1], low(f.a_sur)), "a_p1")
    c["A2FULL"] = (lambda: mk("PERSON_NAME", "%s %s" % (f.parents[1][1], f.a_sur), "a_p2")) if len(f.parents) > 1 else None
    c["BSIGFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.b_mum, low(f.b_sur)), "b_mum")
    c["BDFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.b_dad, f.bd_sur), "b_dad")
    c["CFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.child, low(f.a_sur)), "a_sur")
    c["CBFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.birth_name, f.b_sur), "b_sur")
    # numbers and addresses on the internet
    c["PHONE"] = lambda: mk("PHONE", f.a_phone.fmt(R), "a_phone")
    c["BPHONE"] = lambda: mk("PHONE", f.b_phone.fmt(R), "b_phone")
    c["EMAIL"] = lambda: mk("EMAIL", email_variant(R, f.a_email), "a_email")
    c["BEMAIL"] = lambda: mk("EMAIL", email_variant(R, f.b_email), "b_email")
    c["BSOCIAL"] = lambda: mk("SOCIAL_MEDIA", f.b_social, "b_social")
    c["ASOCIAL"] = lambda: mk("SOCIAL_MEDIA", R.choice(["@%sbakes" % url_slug(f.parents[0][1]),
                                                          "@%s_cakes_%s" % (url_slug(f.a_sur), url_slug(f.a_town[0])[:5]),
                                                          "instagram.com/%s.cakes" % url_slug(f.parents[0][1] + f.a_sur)]), "a_social")
    c["CSOCIAL"] = lambda: mk("SOCIAL_MEDIA", f.c_social)
    c["PLATE"] = lambda: mk("VEHICLE_PLATE", plate_variant(R, f.a_plate), "a_plate")
    c["BPLATE"] = lambda: mk("VEHICLE_PLATE", plate_variant(R, f.b_plate))
    c["CDOB"] = lambda: mk("DATE_OF_BIRTH", fmt_date(R, *f.dob), "c_dob")
    c["SDOB"] = lambda: mk("DATE_OF_BIRTH", fmt_date(R, *rand_date(R, 2024 - f.sib_age))) if f.sibs else None
    c["BSDOB"] = lambda: mk("DATE_OF_BIRTH", fmt_date(R, *rand_date(R, 2024 - f.b_sib_age)))
    sch = url_slug(f.school[2].split(";")[0])
    c["URL_SCHOOL"] = lambda: mk("URL", R.choice(["www.%s.org.uk" % sch, "https://www.%s.sch.uk" % sch,
                                                   "%s.co.uk/news" % sch, "https://%s.org.uk/class-blog" % sch]))
    c["URL_CLUB"] = (lambda: mk("URL", R.choice(["www.%s.org.uk" % url_slug(f.clubs[0][2].split(";")[0]),
                                                  "https://%s.co.uk" % url_slug(f.clubs[0][2].split(";")[0])]))) \
        if f.clubs else None
    c["URL_FUND"] = lambda: mk("URL", R.choice([
        "www.justgiving.com/page/%s-%s-10k" % (url_slug(f.b_mum), url_slug(f.b_sur)),
        "gofundme.com/f/%s-%s-fundraiser" % (url_slug(f.b_mum), url_slug(f.b_sur)),
        "https://www.justgiving.com/fundraising/%s%s" % (url_slug(f.b_mum), R.randint(10, 99))]))
    c["URL_NEWS"] = lambda: mk("URL", "%s%s.co.uk/news/%d/local-family-cycles-for-charity" % (
        R.choice(["www.", "https://www.", ""]), url_slug(f.a_town[0]) + R.choice(["echo", "gazette", "observer", "news"]),
        R.randint(20000, 99999)))
    c["URL_CHURCH"] = lambda: mk("URL", R.choice(["www.%s.org.uk/gallery" % url_slug(f.nan_choir.replace(" choir", "")),
                                                   "https://%s-%s.org.uk" % (url_slug(f.nan_choir.split()[0]),
                                                                              url_slug(f.b_town[0]))]))
    c["AGENCY_EMAIL"] = lambda: mk("EMAIL", R.choice(["letterbox@permanence-adoption.org.uk",
                                                      "Letterbox@Permanence-Adoption.org.uk",
                                                      "contact.letterbox@permanence-adoption.org.uk"]))
    c["URL_BLOG"] = lambda: mk("URL", R.choice(["https://%s-adventures.blog" % url_slug(f.a_sur),
                                                 "www.%sfamily.co.uk" % url_slug(f.a_sur),
                                                 "http://%s%s.wordpress.com" % (url_slug(f.parents[0][1]),
                                                                                url_slug(f.a_sur))]))
    c["URL_BWORK"] = lambda: mk("URL", R.choice(["www.%snails.co.uk" % url_slug(f.b_mum),
                                                  "https://%s-%s-cleaning.co.uk" % (url_slug(f.b_mum), url_slug(f.b_sur)),
                                                  "%sbakes.com" % url_slug(f.b_mum)]))
    # more people and groups
    c["R"] = None
    c["bgrandadf"] = f.b_grandad[1]
    bs1f = bool(f.b_sibs) and f.b_sibs[0] in GIRLS
    c["bs1he"], c["bs1him"], c["bs1his"] = ("she", "her", "her") if bs1f else ("he", "him", "his")
    c["Bs1he"] = "She" if bs1f else "He"
    c["bs1sib"] = "sister" if bs1f else "brother"
    bbf = bool(f.b_baby) and f.b_baby in GIRLS
    c["babyhe"], c["Babyhe"] = ("she", "She") if bbf else ("he", "He")
    c["babysib"], c["babyboy"] = ("sister", "girl") if bbf else ("brother", "boy")
    c["ta"] = lambda: R.choice(["Jo", "Becky", "Sam", "Amy", "Laura", "Kelly", "Nadia"])
    c["tshe"] = "he" if f.teacher[0] == "Mr" else "she"
    c["BCHOIR"] = lambda: mk("CLUB", f.nan_choir, "b_nan_club")
    c["BSOCIETY"] = lambda: mk("CLUB", f.nan_society)
    c["BCLUB2"] = lambda: mk("CLUB", f.bsib_club)
    c["BSSOCIAL"] = lambda: mk("SOCIAL_MEDIA", f.bsib_social)
    c["NANDOB"] = lambda: mk("DATE_OF_BIRTH", fmt_date(R, *f.nan_dob))
    c["FMUM"] = lambda: mk("PERSON_NAME", R.choice(["Mrs %s" % f.friend_sur, "%s %s" % (f.friend_mum, f.friend_sur)]))
    c["CWORK"] = lambda: with_article("WORKPLACE", R.choice(f.teen_work[1].split(";")), None)
    # plain distractors, drawn fresh at each use
    c["SEA"] = lambda: mk("TOWN", town_text(f.sea))
    c["GRANDADFULL"] = lambda: mk("PERSON_NAME", "%s %s" % (f.a_grandad[1], f.a_gran[2]), "a_grandad")
    c["MumDad"] = " ".join(w.capitalize() if w != "and" else w for w in c.vals["mumdad"].split())
    c["pw"] = f.parents[0][0].lower()
    c["bmonth"] = MONTHS[f.dob[1] - 1]
    c["olderC"] = "" if (f.sibs and f.age > f.sib_age) else None
    c["sbig"] = ("big" if f.sib_age > f.age else "little") if f.sibs else None
    c["sbro"] = ("sister" if f.sib_gender == "f" else "brother") if f.sibs else None
    c["BSPHONE"] = lambda: mk("PHONE", Phone(R, mobile=True).fmt(R))
    c["nansig"] = "%s %s" % (f.b_nan[0], f.b_nan[1])
    c["parents_and"] = ", ".join(p[1] for p in f.parents)
    c["nanage"] = str(2024 - f.nan_dob[2])
    c["game"] = lambda: R.choice(GAMES)
    c["tv"] = lambda: R.choice(ADULT_TV)
    c["tvkids"] = lambda: R.choice(FAMILY_TV)
    c["tvteen"] = lambda: R.choice(TEEN_TV)
    c["mountain"] = lambda: R.choice(MOUNTAINS)

    def wdate():
        d, m, y = rand_date(R, R.choice([2023, 2024]))
        return "%s %s" % (WEEKDAYS[datetime.date(y, m, d).weekday()], fmt_date(R, d, m, y, style=R.choice([0, 1, 2])))
    c["wdate"] = wdate
    c["county"] = lambda: R.choice(COUNTIES)
    c["island"] = lambda: R.choice(ISLANDS)
    c["park"] = lambda: R.choice(PARKS)
    c["region"] = lambda: R.choice(REGIONS)
    c["abroad"] = lambda: R.choice(ABROAD)
    c["attraction"] = lambda: R.choice(ATTRACTIONS)
    c["team"] = lambda: R.choice(FOOTBALL_TEAMS)
    c["shop"] = lambda: R.choice(SHOPS_IN_PASSING)
    c["cakeshop"] = lambda: R.choice(["Tesco", "Asda", "Sainsbury's", "M&S", "Greggs", "the Co-op", "Aldi", "Lidl",
                                      "Morrisons", "Waitrose", "Cake Box"])
    c["supermarket"] = lambda: R.choice(["Tesco", "Asda", "Sainsbury's", "Morrisons", "the Co-op", "Aldi", "Lidl",
                                         "Iceland", "Waitrose"])
    c["bigshop"] = lambda: R.choice(["Tesco", "Asda", "Sainsbury's", "Clarks", "Next", "Primark", "M&S", "John Lewis"])
    c["eatery"] = lambda: R.choice(["McDonald's", "Nando's", "Pizza Express", "Greggs", "Costa", "Wetherspoons",
                                    "Toby Carvery", "KFC", "the chippy", "Subway"])
    c["show"] = lambda: R.choice(KIDS_SHOWS)
    c["author"] = lambda: R.choice(AUTHORS)
    c["singer"] = lambda: R.choice(SINGERS)
    c["star"] = lambda: R.choice(SPORT_STARS)
    c["food"] = lambda: R.choice(FOODS)
    c["colour"] = lambda: R.choice(COLOURS)
    c["instrument"] = lambda: R.choice(INSTRUMENTS)
    c["sport"] = lambda: R.choice(SPORTS)
    c["group"] = lambda: R.choice(GENERIC_GROUPS)
    c["month"] = lambda: R.choice(MONTHS)
    c["weekday"] = lambda: R.choice(WEEKDAYS)
    c["season"] = lambda: R.choice(SEASONS)
    c["emoji"] = lambda: R.choice(EMOJI)
    c["odate"] = lambda: fmt_date(R, *rand_date(R, R.choice([2023, 2024])), style=R.choice([0, 1, 2, 5]))
    c["bday"] = lambda: "%s %s" % (ordinal(f.dob[0]), MONTHS[f.dob[1] - 1]) if R.random() < 0.6 else \
        "%d %s" % (f.dob[0], MONTHS[f.dob[1] - 1])
    c["score"] = lambda: "%d-%d" % (R.randint(1, 7), R.randint(0, 4))
    c["price"] = lambda: R.choice(["£4.50", "£12", "£2.99", "£20", "£35", "£1.20", "£150"])
    c["time"] = lambda: R.choice(["7.30", "6am", "half past eight", "9.15", "10pm", "5 o'clock", "7:45"])
    c["num"] = lambda: str(R.randint(2, 12))
    c["bignum"] = lambda: R.choice(["1,000", "10,000", "250", "3,500", "100"])
    c["ref"] = lambda: R.choice(["LB/%d/%04d" % (R.choice([2023, 2024]), R.randint(1, 9999)),
                                 "LBX-%05d" % R.randint(1, 99999), "%d-%s" % (R.randint(1000, 9999), R.choice("ABCD"))])
    c["year"] = lambda: str(R.choice([2023, 2024]))
    return c


# ---------------------------------------------------------------------------------------
# Sentence pools. {x}: plain value; {X}: a marked detail; [a|b]: a choice;
# <<KIND|...>>: the text inside is one marked detail; "<a-b>" at the start: only for a child
# aged a to b; "@name " next: at most one sentence of that group per letter.
# ---------------------------------------------------------------------------------------

# Adoptive parents writing to a birth relative ("you")
A = {k: parse_pool(v) for k, v in {
    "open": [
        "I hope this letter finds you well and that you've had a good {season}.",
        "It's that time of year again, and we're really pleased to be writing to you with all of {C}'s news.",
        "@thanks Thank you so much for your last letter. {C} was thrilled with it and it has been pinned on {his} bedroom wall ever since.",
        "We hope you are keeping well. It has been a busy year here, so there is lots to tell you.",
        "@thanks Thank you for the birthday card you sent {C}. {He} read it three times and then asked if {he} could keep it in {his} memory box.",
        "@late Sorry this letter is a little later than usual — [life has been hectic|we've had a lot on|the summer ran away with us|we've all had the flu].",
        "We were so pleased to read your news in your last letter, and we hope everything is still going well for you.",
        "Another year has flown by! {C} is {age} now and growing up far too fast.",
        "We think of you often, especially around {C}'s birthday, and we hope this letter brings you some happy news.",
        "Here is our yearly update on {C}. {He} helped us write some of it this year, so you'll spot {his} bits!",
        "@thanks Thank you for the lovely photos you sent. {C} spent ages looking at them and said you have the same smile.",
        "@thanks It was so nice to get your letter in {month}, thank you for writing.",
        "We hope you and your family are well and that {month} has been kind to you.",
        "We're writing a bit earlier this year because {C} wanted to tell you about {his} news {himself}.",
        "Well, what a year it has been!",
        "We hope you're well. We're sitting at the kitchen table with a cup of tea, trying to remember everything {C} has done since we last wrote.",
        "@thanks Thank you for your kind words last time; they meant a great deal to all of us.",
        "@where Greetings from a very rainy {TOWN}!",
        "@where We've had a big year — we moved house in the spring and we're now settled in {TOWN}.",
        "We hope the move to {BTOWN} went well and that you're getting settled.",
        "@where Hello from all of us here in {TOWN} {emoji}",
        "I'm writing this one on my own as {A2} is away with work, so forgive the handwriting.",
        "@thanks We got your letter just before {C}'s birthday, which made the day extra special.",
        "@late We're sorry we missed the deadline last time; the letterbox team very kindly reminded us!",
        "GOOD NEWS FIRST: {CU} IS WELL AND HAPPY!",
    ],
    "school": [
        "<5-10>@yr {C} is now in {yr} and has settled in really well.",
        "<5-10>@teacher {C} adores {his} teacher, {TEACHER}, and comes home full of stories every day.",
        "<5-10>@yr {C} moved up to {yr} at {SCHOOL} in September and has taken it all in {his} stride.",
        "<5-10>At parents' evening {TEACHER} told us {C} is kind and always helps the younger children.",
        "<5-10>{His} best subject is maths, although {he} says {his} favourite is 'lunch'.",
        "<5-10>{He} got a certificate in assembly for reading every night and was so proud.",
        "<6-10>{C} has been learning about the Romans and built a model of Hadrian's Wall out of cereal boxes.",
        "<11-11>@yr {C} started secondary school in September at {SCHOOL}.",
        "<11-15>@yr {C} is in {yr} at {SCHOOL} now, which still makes us feel very old.",
        "<12-17>{He}'s in {yr} now and has mocks coming up, which {he} is pretending not to worry about.",
        "<11-17>@teacher {His} form tutor, {TEACHER}, says {he}'s a pleasure to have in class, which we may frame.",
        "<2-3>@yr {C} goes to {SCHOOL} three mornings a week and loves the messy play.",
        "<2-3>@yr {He} started at nursery in {month} and, after a few tearful drop-offs, now runs in without looking back.",
        "<2-3>The staff at {SCHOOL} say {C} is always first to the dressing-up box.",
        "<4-4>@yr {C} started Reception this year at {SCHOOL}, and {his} teacher says {he} has lots of friends already.",
        "<4-8>The school put on a nativity and {C} was a sheep. {He} took the role very seriously.",
        "<5-10>{His} school is only a short walk away, down {STREET} and over the bridge.",
        "<5-10>We walk to school every morning with {F1} and {F1}'s little brother.",
        "<7-10>{C} has been voted onto the school council and takes it very seriously indeed.",
        "<13-15>{He}'s chosen {his} GCSE options: history, art and computer science.",
        "<5-10>{He} was Star of the Week twice this term.",
        "<4-8>{C} adores the teaching assistant, Miss {ta}, who lets {him} feed the class fish.",
        "<5-10>{yr} went on a trip to the Natural History Museum and {C} hasn't stopped talking about dinosaurs since.",
        "<5-10>@teacher We had a lovely note home from {TEACHER} about how hard {C} has worked this term.",
        "<5-10>If you'd like to see what the class has been up to, the school posts photos at {URL_SCHOOL}.",
        "<4-10>{He} loves school dinners, especially on Fridays when it's fish and chips.",
        "<5-8>Reading has really clicked this year. {He} is on the purple book band now and reads to anyone who will sit still.",
        "<7-10>{C} did really well in {his} times tables check and was very pleased with {himself}.",
        "<5-10>The head, {HEAD}, sent us a lovely email about how {C} looked after a new child in the class.",
        "<11-12>The first few weeks at {SCHOOL} were a big change, but {he} has found {his} feet and made a good group of friends.",
        "<11-17>{He} gets the bus to school with {F1} now, which {he} thinks makes {him} very grown up.",
        "<11-17>{C} had a tricky patch with friendships in the spring, but the school were brilliant and things are much better now.",
        "<16-17>@yr {C} is at {SCHOOL} now doing A-levels in biology, psychology and English.",
        "<16-17>@yr {He} has started a BTEC in sport at {SCHOOL} and really enjoys the practical side.",
        "<14-17>{He} did {his} work experience week at a vet's and came home smelling of dogs every night.",
        "<5-10>{C} is still in the same class as {F1} and {F2}, which makes {him} very happy.",
        "<4-10>We went to see {C}'s class assembly about the seasons. {He} was the sun and had one line, which {he} said beautifully.",
        "<5-10>The school has an EHCP in place for {C} now, and the extra support is really helping.",
        "<5-10>{C} can now write {his} whole name, {CFULL}, in joined-up writing!",
        "<9-10>{C} will be in Year 6 next year and is already talking about SATs and the residential trip.",
        "<11-17>Parents' evening at {SCHOOL} was good news all round.",
        "<3-4>@yr {C} moves up from {SCHOOL} to big school in September and keeps asking if {he} will have a book bag.",
        "<11-17>{He} is in set 1 for maths, which {he} is quietly proud of, and is finding French hard going.",
        "<5-10>{C} goes to breakfast club on {weekday}s and says the toast there is better than ours.",
        "<12-17>{He} got 'Most Improved' at the {SCHOOL} awards evening in July.",
        "<5-10>{C}'s class is called Hedgehogs this year, and {he} has decided hedgehogs are {his} favourite animal.",
    ],
    "hobbies": [
        "<5-16>@club1 {C} has joined {CLUB} and goes every {weekday} evening.",
        "<5-16>@club1 {He} still loves {club}; {he} trains with {CLUB} twice a week and plays most Saturdays.",
        "<5-16>@club1 The big news is that {C} now does {club} at {CLUB}. {He} got {his} first medal in {month}!",
        "<6-16>{COACH} says {C} is one of the hardest workers in the squad.",
        "<5-16>{C} has started {instrument} lessons and practises (loudly) every evening.",
        "<3-10>{He} is mad about {show} at the moment, so we know every song by heart.",
        "<6-16>{He} would spend all day on {game} if we let {him}, so we've made a rule of no screens after [7pm|half seven|8 o'clock].",
        "<4-12>{C} goes to {group} on {weekday}s and has just got {his} first badge.",
        "<7-16>{C} is in {CLUB} now, and last month they won a trophy at a competition in {TRIP}.",
        "<5-17>{He} has discovered {sport} and talks about nothing else.",
        "<5-17>We tried {C} with {sport} but {he} wasn't keen, so {he}'s now doing {group} instead and loves it.",
        "<6-17>{C} supports {team} and watches every match with {grandad}, shouting at the telly.",
        "<5-12>{He} loves anything arty; our fridge is covered in {his} drawings.",
        "<8-17>{C} has started reading {author}'s books and has gone through six of them since Easter.",
        "<8-17>{C} ran the junior parkrun most Saturdays this year and got {his} 50 wristband.",
        "<6-16>{He} performed in the {CLUB} summer show in {month} and we cried all the way through.",
        "<8-17>The {CLUB} website has a picture of the team with their cup, if you ever look: {URL_CLUB}.",
        "<5-15>{He} has had swimming lessons all year and can now swim 25 metres without stopping.",
        "<1-4>@club1 {C} loves {CLUB} on {weekday} mornings, where there is a lot of singing and a parachute.",
        "<2-6>{C} still loves Sesame Street and does all the voices.",
        "<9-17>{C} is learning to code and has made a little game where a cat chases biscuits.",
        "<10-17>{He} wants to be a vet, or a footballer, or a YouTuber, depending on the day.",
        "<5-12>{He} has been building huge Lego models and the living room floor is a hazard.",
        "<11-17>{He} has got into baking and made us a lemon drizzle cake that was actually very good.",
        "<5-12>{C} went to {sport} camp in August and came back exhausted and happy.",
        "<12-17>{He} plays {instrument} in the school band and had {his} Grade 3 exam in {month}.",
        "<6-14>{He} got 'player of the match' at {CLUB} after a {score} win.",
        "<7-14>@club2 {C} moved up to {CLUB2} this year and has made lots of new friends there.",
        "<5-15>@club2 We've been going to {club2} at {CLUB2} on Sunday mornings, which is early but worth it.",
        "<10-17>{C} watched the Lionesses on telly and now wants to play in goal like Mary Earps.",
        "<6-17>{C} loves {tvkids} and we watch it together on Friday nights with a takeaway.",
        "<7-17>{C} thinks {star} is the best person in the world and has a poster above {his} bed.",
        "<10-17>{C} went to see {singer} with {A1} in the summer and has not stopped singing since.",
    ],
    "holiday": [
        "@abroad In the summer we went to {abroad} for a week. It was {C}'s first time on a plane and {he} loved every second.",
        "@uk We had a week in a caravan near {SEA} in August. It rained most days but we still had a brilliant time.",
        "@uk Our summer holiday was camping in {park}. {C} climbed {his} first proper hill and was very proud of {himself}.",
        "@uk2 We had a few days in {SEA} at half term and ate far too many chips on the seafront.",
        "@abroad We went to {abroad} with {gran} and {grandad}, and {C} spent the whole week in the pool.",
        "@uk At Easter we stayed in a cottage in {county} and walked for miles.",
        "@uk We had a week on {island} in the summer and {C} saw seals from the ferry.",
        "@uk We didn't go away this year, but we had lots of days out instead: {attraction}, the beach and a farm park.",
        "@uk2 In October we went up to {TRIP} to see {aunt} and the cousins.",
        "{C}'s favourite day of the summer was {attraction}, where {he} went on the biggest ride {he} was allowed on.",
        "@uk2 We spent a long weekend in {SEA} and {C} found a fossil on the beach, which now lives on {his} windowsill.",
        "@abroad We finally did the trip to {abroad} we'd been saving for, and {C} tried octopus!",
        "@abroad We had a week in {abroad} in August. It was so hot that {C} declared {he} is 'a winter person'.",
        "We went to {attraction} for {C}'s birthday treat and stayed until they closed.",
        "@uk2 In the summer holidays we went over to {TRIP} on the train and had a picnic in the park.",
        "On {odate} we had a lovely day at {attraction} — I remember the date because it was the hottest day of the year.",
        "@uk We stayed with friends in {TRIP2} for a week and {C} learnt to ride {his} bike without stabilisers.",
        "@uk We had a staycation this year: bike rides, picnics and a trip to {SEA} for fish and chips.",
        "We went [up north|down south|over to Wales|up to Scotland|across to Northern Ireland] to see family and stopped at {attraction} on the way.",
        "@abroad This year's holiday was a ferry to {abroad}, which {C} said was the best bit.",
        "@uk We spent half term in {park}, staying in a little cottage with a wood burner.",
        "@uk2 We had a day at the beach at {SEA} and {C} was in the sea in {month}, which tells you everything.",
        "@abroad We went back to {abroad} to visit {A1}'s family, and {C} was spoilt rotten by everyone.",
        "Four hours on the M25 on the way back almost finished us off, but it was worth it.",
    ],
    "health": [
        "{C} has been really healthy this year apart from the usual coughs and colds.",
        "<3-17>{C} had {his} tonsils out in {month}. {He} was very brave and enjoyed the ice cream afterwards.",
        "<4-17>{C} has started wearing glasses and chose {colour} frames, of course.",
        "<2-10>{C} had a bit of a wobbly time with sleep over the winter, but {he} is sleeping much better now.",
        "@doc We've been seeing {DOCTOR} about {C}'s asthma and it is much better controlled now.",
        "<5-17>{C} broke {his} wrist falling off the trampoline in {month}, but it has healed well.",
        "<3-17>{C} is growing like a weed and has gone up two shoe sizes since Christmas.",
        "<5-17>{C} had {his} first filling at the dentist and was incredibly brave about it.",
        "{C}'s eczema has been much better since we changed washing powder.",
        "<5-17>{C} has been seeing a lovely play therapist at school, which has really helped with big feelings.",
        "@doc The paediatrician, {DOCTOR}, is very pleased with {C}'s growth and we don't need to go back for a year.",
        "<6-17>{C} has been having some therapy through the adoption support fund and it has been a real help.",
        "<1-5>{C} had chickenpox in {month} and looked like a dot-to-dot for a fortnight.",
        "<11-17>{C} had {his} booster jabs at school and was very matter-of-fact about it.",
        "<1-2>{C} is walking and running everywhere now and climbs everything.",
        "<1-2>{C} has eight teeth now and is trying very hard to get the ninth.",
        "<1-3>{C} is saying lots of words now: 'dog', 'more', 'no' and, most often, 'why'.",
    ],
    "pets": [
        "{P} the {pet} is still very much part of the family and follows {C} everywhere.",
        "@newpet We've got a new addition: a {pet} called {P}. {C} chose the name.",
        "<7-17>{C} takes {P} out before school every morning, which is more than we ever expected!",
        "{P} had to go to the vet in {month} for eating a sock, but is fine now.",
        "<4-12>{C} and {P} are inseparable. {He} reads {P} a story every night.",
        "{P} and {P2} still don't get on, but they have agreed to share the sofa.",
        "Our neighbours, {NEIGHBOURS}, have a dog too, and {C} helps walk it on {weekday}s.",
        "@newpet {C} had been asking for a {pet} for months and we finally said yes. Meet {P}!",
    ],
    "friends": [
        "{C}'s best friend is still {F1}. They have been inseparable since Reception.",
        "{C} has a lovely group of friends: {F1}, {F2} and {F3} are round here most weekends.",
        "<5-17>{C} had {his} first sleepover at {F1}'s house and came home exhausted but very happy.",
        "{C}'s best friend, {FRIENDFULL}, lives three doors down, so they are in and out of each other's houses.",
        "{C} has a new friend called {F2}, and they are both mad about {show}.",
        "<11-17>{C} spends a lot of time messaging {his} friends, which I suppose is normal at {age}!",
        "<4-10>{C} was invited to six birthday parties this term. Our weekends are all soft play and party bags.",
        "<3-12>{C} is very close to {NEIGHBOURS_S}' little girl next door and they play out together after school.",
        "<6-14>{C} and {FO} have started a club in the garden shed. We're not allowed in.",
        "<4-12>{C} went to {FRIENDFULL}'s party at the trampoline park and came home with a party bag bigger than {his} head.",
    ],
    "family": [
        "{S} and {C} are very close, although they fight like cat and dog over the remote.",
        "{S} has started {group} this year and {C} is very jealous.",
        "{S} started at {SSCHOOL} this year, so the mornings are a military operation.",
        "@gran {gran} turned 70 in {month} and we had a big party in the garden. {C} made her a cake.",
        "@gran {C} spends every Tuesday after school with {gran}, and they have a standing arrangement for hot chocolate.",
        "@work1 {A1} has gone back to work part-time at {WORK1}, so {grandad} does the school pick-up twice a week.",
        "@work1 {A1rel} started a new job at {WORK1} in {month}.",
        "@work2 {A2} still works at {WORK2} and did a charity skydive for them in {month}.",
        "@home We have some news: we moved to {STREET} in the summer. It's a bit bigger and {C} finally has {his} own room.",
        "@home We've moved house — our new address is {ADDR}, just round the corner from the old one.",
        "@home We're still in the same house on {STREET}, and we've finally done the garden.",
        "@aunt {aunt} had a baby in {month}, so {C} has a new cousin to fuss over.",
        "@gran {C}'s {granw}, {GRANFULL}, came to stay for two weeks over Christmas.",
        "@aunt {A1}'s sister, {AUNTFULL}, got married in {month} and {C} was a [page boy|bridesmaid|flower girl|ring bearer].",
        "@car We finally got a new car — a blue seven-seater, {PLATE} — so there is room for everyone.",
        "{uncle} and {aunt} came to stay from {abroad} and {C} showed them every single one of {his} toys.",
        "<5-17>@work1 {C} went in to {WORK1} with {A1rel} on take-your-child-to-work day and now thinks it is the best job in the world.",
        "<4-17>{C} helped {grandad} on his allotment all summer and grew a giant marrow.",
        "The {SURS} had a family get-together in {TRIP} for {granw}'s birthday and {C} met cousins {he} hadn't seen for ages.",
        "Our neighbours, {NEIGHBOURS}, have been so kind, and {C} often pops round to help with their chickens.",
        "@work1 {A1} works nights at {WORK1}, so weekends are our family time.",
        "@work2 {A2rel} got a promotion at {WORK2}, and {C} made {A2rel} a medal out of tinfoil.",
        "We've had the builders in all year doing the loft, so the house has been chaos.",
        "<4-12>We went to {bigshop} for new school shoes and somehow came out with a goldfish as well.",
        "Money has been tight like it is for everyone, so we've been doing lots of free days out.",
        "@sibdob We have big news: {C}'s {sbig} {sbro}, {S}, born on {SDOB}, has come to live with us too.",
        "<8-17>{olderC}{C} has become a brilliant big {brother} to {S}, most of the time.",
        "{A1}'s dad, {GRANDADFULL}, has been unwell, so we've been up and down the motorway a lot.",
    ],
    "birthday": [
        "@party For {his} birthday {C} had a party at the soft play with all of {his} class. There was a lot of sugar involved.",
        "@cake {C} turned {age} in {bmonth} and had {show} on {his} cake, which {he} designed {himself}.",
        "<7-17>For {his} birthday {C} asked for a {instrument} and a new football, and got both.",
        "@party {C} had a small party at home for {his} birthday on {bday}, with pizza and a film.",
        "Thank you for the present you sent {C} for {his} birthday; {he} wore the jumper the very next day.",
        "We picked up {his} birthday cake from {cakeshop} on the way home, and {he} insisted on carrying it.",
        "{His} birthday is on a {weekday} this year, so we're having a family tea and then a party at the weekend.",
        "@candle {C} lit a candle for you on {his} birthday, as {he} likes to every year.",
        "@candle On {his} birthday {C} asked if you were thinking about {him}. We told {him} we were sure you were.",
        "<8-17>@party {C} had a sleepover for {his} birthday with {F1}, {F2} and {F3}. Nobody slept.",
    ],
    "christmas": [
        "<2-9>Christmas was lovely and noisy. {C} was up at five asking if Father Christmas had been.",
        "<4-9>{C} was in the school nativity as a donkey, {his} favourite thing in the world.",
        "We spent Christmas Day at {gran}'s and Boxing Day with {aunt}'s family.",
        "<3-9>{C} wrote a very long letter to Santa and asked for {show} things and 'a real reindeer'.",
        "We went to a carol service on Christmas Eve and {C} sang every word.",
        "<6-17>For Christmas {C} got a bike and has been out on it every day since.",
        "We celebrated Eid with the whole family this year and {C} loved dressing up.",
        "We went to see the Diwali lights and {C} loved the fireworks.",
        "{C} helped make the Christmas cake and ate most of the marzipan.",
        "We had a quiet Christmas at home this year, just us and too much food.",
        "We did most of our Christmas shopping in {shop} in one mad afternoon, with {C} in charge of the list.",
        "<6-17>On New Year's Eve {C} managed to stay up until midnight for the first time.",
    ],
    "personality": [
        "{C} is a kind, funny {boy} with a huge imagination.",
        "{C} is very caring and always notices when someone is sad.",
        "@food {C} is still a picky eater, but {he} will eat {food} until it comes out of {his} ears.",
        "@food {C}'s favourite food at the moment is {food}, and {he} asks for it every single day.",
        "{C} has a great sense of humour and tells us terrible jokes at every meal.",
        "{C} can be shy with new people, but once {he} knows you, {he} never stops talking.",
        "<2-10>{C} loves {colour} and anything with sparkles on.",
        "<4-17>{C} is very determined. When {he} decides to do something, there's no stopping {him}.",
        "<11-17>{C} is thoughtful and quite private, as teenagers are, but {he} still gives the best hugs.",
        "<1-3>{C} is a cheerful little soul and laughs at everything.",
        "<6-17>{C} has a strong sense of fairness and will argue with anyone about it.",
        "<8-17>{C} is a proper bookworm. {His} favourite author is {author}.",
        "{C} still has {his} little toy rabbit from when {he} was small, and it goes everywhere with {him}.",
        "{C} has your curly hair and, we think, your laugh.",
        "<5-17>{C} is so like you in some ways. {He} is brilliant at drawing, which we know you are too.",
    ],
    "lifestory": [
        "<4-17>We talk about you often, and {C} likes to look through {his} life story book with us.",
        "<5-17>{C} asked recently what you were like when you were {his} age. If you felt able to tell {him} a little in your next letter, {he} would love that.",
        "<6-17>{C} understands more now about why {he} came to live with us, and {he} asks good questions.",
        "<3-17>We keep your letters in a special box, and {C} likes to read them with us.",
        "<8-17>{C} sometimes has big feelings about adoption, which is completely natural, and we talk about them together.",
        "<5-17>{C} wanted me to ask you what your favourite animal is, and whether you like {food}.",
        "<10-17>{C} has started asking about {his} brothers and sisters. Please do tell us anything you think {he} would like to know.",
        "<4-17>We always tell {C} that you loved {him} very much.",
        "<2-17>{C} still has the teddy you gave {him}, and it sleeps on {his} pillow every night.",
        "<9-17>{C} knows {his} birth name was {CBFULL} and is curious about it, so we've been talking about names.",
        "<9-17>{C} met {his} social worker, {SW}, for some life story work in {month}, and found it helpful.",
    ],
    "practical": [
        "@contact We've changed our email address to {EMAIL}, and the letterbox team have it too.",
        "@contact Our landline has gone, so the best number for us now is {PHONE}.",
        "<11-17>@soc {C} has set up an Instagram, {CSOCIAL}, and asked if you would follow {him}. We've said we need to talk to the social worker first.",
        "@url {A1} was in the local paper for a charity bike ride. The article is online at {URL_NEWS} if you're interested.",
        "<6-17>@url The photos from {C}'s last competition are on the club's website, {URL_CLUB}.",
        "@addr If the letterbox office needs it, our address is now {FULLADDR}.",
        "@addr We're in {OUT} now, much closer to {gran}.",
        "@agency If you need to reach us about the arrangement, the letterbox team's email is {AGENCY_EMAIL}.",
        "<3-12>@car {C} has named our new car Bluey and reads the number plate, {PLATE}, out loud every time we get in.",
        "@dob We had to fill in endless forms for {C}'s passport, and I must have written {his} date of birth, {CDOB}, a hundred times.",
        "@soc {A1} has started a little cake business, and it's on Instagram as {ASOCIAL} if you'd like to see {C}'s decorating!",
        "@contact If you ever want to send something for {C} directly, our email is {EMAIL}, but do check with the letterbox team first.",
        "<12-17>@soc {C} plays online with a few friends; {his} gamertag is {CSOCIAL}, in case {BS1} ever wants to play.",
    ],
    "close": [
        "We hope you are well and that this letter finds you happy.",
        "We look forward to hearing from you, if you'd like to write back.",
        "Please look after yourself, and we'll write again next year.",
        "Thank you again for your letters; they mean a lot to {C} and to us.",
        "We'll write again around {C}'s birthday.",
        "Take care of yourself, and know that {C} is happy and loved.",
        "We hope the {season} is kind to you.",
        "If there is anything you'd like us to tell {C}, please put it in your next letter.",
        "We hope to hear your news soon.",
        "Until next year, look after yourself.",
    ],
}.items()}

A_PHOTO_MARKED = parse_pool([
    "<4-17>I've put in a <<PHOTO|photo of {C} in {his} new school uniform on {his} first day>>.",
    "<4-17>There's a <<PHOTO|picture of {C} by the street sign at the end of our road>>.",
    "<5-17>We've enclosed a <<PHOTO|photograph of {C} in {his} football kit, with the club's name across the front>>.",
    "<3-12>{C} asked me to send a <<PHOTO|drawing {he} did of our house with the door number on it>>!",
    "<4-17>There is a <<PHOTO|photo of {C} wearing {his} school jumper with the badge on>>.",
    "<4-17>I've sent a <<PHOTO|picture of {C} holding the sign at the gate of {his} new school>>.",
    "<1-17>In the <<PHOTO|photo {C} is standing on our front step with the house number just behind {him}>>.",
    "<5-17>One of the <<PHOTO|photos is of {C} and the new car, number plate and all>>.",
    "<11-17>The last <<PHOTO|photo shows {C} in {his} blazer and tie, looking very smart>>.",
    "<6-17>{C} wanted you to have this <<PHOTO|selfie in {his} team kit with the club badge>>.",
    "<4-12>Also enclosed is a <<PHOTO|photo of {C} with {his} class on the steps outside the school, sign and all>>.",
    "<2-4>There's a <<PHOTO|picture of {C} in {his} nursery sweatshirt with the logo on the front>>.",
])
A_PHOTO_PLAIN = parse_pool([
    "I've put in a photo of {C} on the swings at the park.",
    "There's a picture of {C} with {P}; they're inseparable.",
    "<3-10>{C} drew you a picture of a unicorn, which {he} insists is a horse with a hat.",
    "The photos are from our holiday in {abroad}.",
    "I've included a photo from {his} birthday party, covered in cake.",
    "The photo of {C} on the beach at {SEA} is my favourite.",
    "There's a selfie of us at the top of {mountain}, all very windswept.",
    "We've sent a few photos from the summer, including one of {C} fast asleep in the car.",
    "<5-17>{C} chose the photos {himself} this year, so there are a lot of {P}!",
    "There's a photo of {C} in {his} Halloween costume; {he} went as a pumpkin.",
    "<4-10>The drawing is of you, {C} says, with a crown on.",
    "<1-4>I've put in a photo of {C} in the bath with a bubble beard.",
])
A_PS = parse_pool([
    "P.S. {C} says hello to {BS1}!",
    "P.S. {C} wanted me to tell you {he} has a wobbly tooth.",
    "P.S. {C} would love to know your favourite colour.",
    "P.S. If you'd rather email, ours is {EMAIL}.",
    "P.S. Our phone number has changed to {PHONE}, in case the letterbox team need it.",
    "P.S. Our new address for the letterbox office is {FULLADDR}.",
    "P.S. {C}'s teacher, {TEACHER}, said to say {he} is doing brilliantly.",
    "P.S. We've started a little family blog for the grandparents at {URL_BLOG} — ask the letterbox team if you'd like to see it.",
    "P.S. The {emoji} is from {C}.",
    "P.S. {P} says hello!",
    "P.S. Sorry about the coffee stain!",
    "P.S. {C} asked me to say {he} supports {team} now.",
    "P.S. The passport office wanted {C}'s date of birth, {CDOB}, on every form. We got there in the end!",
    "P.S. We're in {OUT} now, for the letterbox office's records.",
    "P.S. If it's easier, you can reach us on {EMAIL} or {PHONE}.",
    "P.S. {C}'s new gamertag is {CSOCIAL}, but we've said no online chat for now.",
])
A_SIGN = ["Love", "With love", "Best wishes", "All our love", "Warm wishes", "Take care", "Love from", "With best wishes",
          "Lots of love", "Kind regards", "Love and best wishes", "Much love"]

# A birth mother (BM) or grandmother (NAN) writing to the child ("you" = the child)
BM = {k: parse_pool(v) for k, v in {
    "open": [
        "I hope you are well and having a lovely {season}.",
        "@thanks Thank you for your letter and the photos. I can't believe how grown up you look!",
        "@bday Happy birthday, my darling! I can't believe you are {age} already.",
        "I think about you every single day and I hope you are happy.",
        "@thanks It was so lovely to get your letter. I have read it about a hundred times.",
        "@thanks I was so happy when the letter came with your drawing in it. It is on my fridge.",
        "Your {mumdad} said you have been doing really well, and I am so proud of you.",
        "I'm sorry my letter is late this year. Things have been busy but I never stopped thinking about you.",
        "It's me again {emoji}",
        "@xmas I hope you had a lovely Christmas and that Father Christmas brought you everything you wanted.",
        "<5-17>I hope you're keeping well and that school is going OK.",
        "It's been a long time since I wrote, and I'm sorry about that. I want you to know I'm doing much better now.",
        "Greetings from sunny {BTOWN}! Well, it was sunny yesterday.",
        "<3-12>Thank you for telling me all about {show}. I watched some of it so I know what you're on about!",
    ],
    "mynews": [
        "@job I've got a new job now at {BWORK}. I work on the tills mostly and the people are really nice.",
        "@job I started working at {BWORK} in {month} and I really like it.",
        "@course I'm doing a course at {BCOLLEGE} to become a teaching assistant. It's hard work but I love it.",
        "@course I passed my English and maths at {BCOLLEGE} this year, which I never thought I would do.",
        "@home I moved into a new flat in {month}. It's on {BSTREET} and it's got a little balcony where I grow tomatoes.",
        "@home I've moved to {BTOWN} now to be nearer to {nan}.",
        "@home I've got my own place now, {BADDR}, and I've painted the bedroom {colour}.",
        "@home I'm still living in {BTOWN}, in the same flat, and the neighbours still have that noisy dog.",
        "I've been doing really well and I go to my group every {weekday}. My support worker, {SUPPORTFULL}, has been brilliant.",
        "I've passed my driving test at last! I've got a little red car, {BPLATE}, and I drive everywhere now.",
        "I've started running and I'm doing a 10k for charity in {month}. My page is {URL_FUND} if your {mumdad} want to look.",
        "@job I do nails now from home, and I've got a little website, {URL_BWORK}.",
        "@job Work at {BWORK} keeps me busy, but I always make time to write to you.",
        "I've been poorly this year but I'm on the mend now, so please don't worry about me.",
        "I've been learning to cook properly. My best dish is {food} and I'm working on a lemon cake.",
        "I went to {abroad} for the first time this year with my friend, and I thought of you when I saw the sea.",
        "I had a day out in {SEA} with {nan} in the summer and we had fish and chips on the harbour.",
        "I've been going to church again, and I say a prayer for you every Sunday.",
        "@partner My partner {PARTNERFULL} and I have been together two years now. He is very kind and he knows all about you.",
        "@partner My partner {BP} sends his best wishes. He says he hopes you are doing well at school.",
        "I'm volunteering at a food bank two days a week, which I really enjoy.",
        "@job I'm working nights at {BWORK} at the moment, so I write my letters in my breaks.",
        "@home I still live near {nan}, just round the corner on {BSTREET}, so I see her most days.",
        "I've been saving up, and in the summer I took {BS1} to {attraction}. We talked about you all day.",
        "I still watch {tv} every night. You'd laugh at me shouting at the telly.",
        "I've got a cat now called Smudge who sleeps on my feet.",
        "I popped into {shop} to get your card and it took me an hour to choose.",
        "I went to see {singer} with my friend and cried all the way through.",
    ],
    "family": [
        "@bs1 {BS1} is {bsib_age} now and is in {bsib_yr} at {BSSCHOOL}. {Bs1he} is football mad.",
        "@bs1 Your {bs1sib} {BS1} started at {BSSCHOOL} in September and says hi.",
        "{BS1} and {BS2} are growing up fast and they always ask about you.",
        "@baby You have a new baby {babysib}, {BABY}! {Babyhe} was born on {BABYDOB} and {babyhe} has your nose.",
        "@baby I have some big news: {BABY} arrived on {BABYDOB}, a little {babyboy} with loads of dark hair.",
        "@nan {nan} sends all her love and says she keeps your photo on her mantelpiece.",
        "@nan {nan} has not been very well this year, but she is a fighter and is back at bingo.",
        "@nan Your {nanw}, {NANFULL}, turned 70 this year and we had a party at the social club.",
        "{bgrandad} still goes fishing every weekend and says he'll take you one day.",
        "Your cousin {FO} is at {BSSCHOOL} now too, in the year below {BS1}.",
        "We all went to {SEA} for {bgrandad}'s birthday and walked along the beach.",
        "{BS1} did a sponsored silence for charity and lasted twenty minutes, which is a record for {bs1him}!",
        "The {BSURS} had a big family barbecue in the summer and everyone raised a glass to you.",
        "@bd Your birth dad {BD} is working away at the moment but he asked me to say hello.",
        "@bd {BD} came to see us last month; he's living over in {TRIP2} now.",
        "{nan}'s new address is {NANFULLADDR}, if you ever want to send her a card.",
    ],
    "memory": [
        "@born I remember the day you were born like it was yesterday: {CDOB}, just after four in the morning.",
        "@born You were born on {CDOB} and you had so much dark hair the midwives all came to look.",
        "When you were a baby you loved the song about the wheels on the bus, and you always laughed at the beeping bit.",
        "I still have the little hat you wore in hospital. I keep it in a box with your first photo.",
        "When you were tiny you would only go to sleep if I sang to you.",
        "I remember your first smile. It was at {nan}, not me, and I've never let her forget it!",
        "You always loved bath time and splashing, so I'm not surprised you love swimming now.",
        "You used to have a blue blanket with stars on it, and you wouldn't go anywhere without it.",
        "@born On your birthday, {bday}, I always light a candle and think about you.",
        "@born I will never forget {CDOB}, the best day of my life.",
    ],
    "hopes": [
        "<5-17>I hope you are working hard at school and being good for your {mumdad}.",
        "I'm so glad you've got such a lovely family who love you so much.",
        "Always remember how special you are.",
        "<6-17>Whatever you want to do when you grow up, I know you can do it.",
        "<4-17>I hope you're still drawing; you were always so good at it.",
        "Be kind to yourself, and to your {mumdad}, and keep smiling that lovely smile.",
        "<5-17>I'm really proud of how well you're doing at {club}.",
        "I hope you know that I love you and always will.",
        "<6-17>You don't have to write back if you don't want to, but I would love to hear from you.",
        "<6-17>I'd love to know what your favourite subject is now and what you like doing at weekends.",
        "Please tell me more about {P}! I love animals too.",
        "<4-17>Do they still make you eat your vegetables at home? My mum did, and I'm glad now.",
    ],
    "slip": [
        "<8-17>If you ever want to talk to me, my number is {BPHONE}.",
        "If you ever want to find me when you are older, I'm on Facebook: {BSOCIAL}.",
        "<6-17>I've started putting my baking on Instagram, {BSOCIAL}, so you can see what I've made.",
        "<8-17>You can email me any time at {BEMAIL} if your {mumdad} say it's OK.",
        "My new address is {BFULLADDR}, so you know where to find me.",
        "<8-17>When you're older you can look me up. I'm {BSIGFULL} and I'll always be here.",
        "<10-17>My Insta is {BSOCIAL} if you want to see my nails!",
        "<11-17>Text me if you want, {BPHONE}, any time.",
    ],
    "close": [
        "Look after yourself and have a wonderful year.",
        "I'll write again soon.",
        "I love you more than all the stars in the sky.",
        "@bday Have a lovely birthday and eat lots of cake!",
        "Take care of yourself, and give {P} a stroke from me.",
        "I'm always thinking of you.",
        "Until next time, sweetheart.",
        "Stay safe and keep smiling.",
    ],
}.items()}

BM_PHOTO_MARKED = parse_pool([
    "Here is a <<PHOTO|photo of me and {BS1} outside my new flat, where you can see the door number>>.",
    "I've put in a <<PHOTO|picture of {BS1} in {bs1his} school uniform with the badge on>>.",
    "The <<PHOTO|photo is of your cousin in his rugby kit with the club crest>>.",
    "I've sent a <<PHOTO|selfie of me next to my new car, with the number plate showing>>.",
    "There's a <<PHOTO|photo of {nan}'s house with the street sign on the wall next to it>>.",
    "Here is a <<PHOTO|drawing {BS1} did of our house, with our number on the front door>>.",
    "The <<PHOTO|picture is of {BS1} on the first day at big school, in the new blazer>>.",
])
BM_PHOTO_PLAIN = parse_pool([
    "I've put in a photo of me and {nan} from the summer.",
    "Here is a picture of {BS1} with our cat, Smudge.",
    "I've sent a photo of the cake I made for {bgrandad}'s birthday.",
    "The photo is from my holiday in {abroad}; I'm the one with the sunburn!",
    "There's a photo of me when I was your age so you can see if we look alike.",
    "I've put in a drawing {BS1} did for you of a dinosaur.",
    "The photo is of the beach at {SEA} at sunset. I thought you'd like it.",
])
BM_PS = parse_pool([
    "P.S. {nan} says hello and sends a big hug.",
    "P.S. I've put a little bit of money in for you to spend on whatever you like.",
    "P.S. I still support {team}, sorry!",
    "P.S. Please say thank you to your {mumdad} for the photos.",
    "P.S. My new number is {BPHONE}.",
    "P.S. Tell {P} I said hello {emoji}",
    "P.S. {BS1} wants to know if you like {show}.",
    "P.S. Sorry about my spelling, I did my best!",
    "P.S. My email is {BEMAIL} now, the old one stopped working.",
    "P.S. I'm on TikTok now, {BSOCIAL}, your {bs1sib} {BS1} set it up for me!",
    "P.S. {BS1} says you can add {bs1him} on Snapchat, {BSSOCIAL}, but only if your {mumdad} say yes.",
])
BM_SIGN = ["Love", "All my love", "Lots of love", "Love always", "Love you always", "Love from", "Big hugs",
           "With all my love", "Forever yours", "Love and hugs", "All my love forever"]

# A birth grandparent's own news (used instead of BM's "mynews")
NAN_NEWS = parse_pool([
    "{bgrandadf} and I are keeping well, although his knees are not what they were.",
    "The garden has been lovely this year; the roses were the best we've ever had.",
    "I still go to bingo on a {weekday} and I won £20 last month!",
    "@caravan We had our usual week in the caravan at {SEA} and the weather was kind to us.",
    "@choir I sing in the {BCHOIR} every Sunday and we did a concert at Christmas.",
    "I've been knitting you a jumper, but I don't know your size, so please ask your {mumdad} to tell me.",
    "Your {bgrandad} has built a new shed and spends all his time in it.",
    "I've got a new cat called Smudge who sleeps on my bed, which I pretend I don't like.",
    "@trip I went on a coach trip to {TRIP2} with the ladies from church and we had cream teas.",
    "@home I still live in the same house on {BSTREET}, so if you ever come to {BTOWN}, the kettle is always on.",
    "{B} is doing well and works at {BWORK} now, and we're all very proud of her.",
    "@age I'm {nanage} this year, can you believe it? I certainly can't.",
    "@age I was born on {NANDOB}, so I'm older than the hills, your {bgrandad} says!",
    "I had my hip done in {month} and I'm walking with a stick now, but I'm much better.",
    "@club I go to the {BSOCIETY} on {weekday}s and we do chair yoga, if you can imagine that!",
    "{BD} has a new job at {BDWORK}, and {B} says he is doing very well.",
    "I never miss {tv}, and your {bgrandad} pretends he doesn't watch it.",
    "I do my big shop at {supermarket} on a {weekday}, and your {bgrandad} pushes the trolley.",
    "We went to {abroad} on a coach holiday and I've come back with a suntan at my age!",
    "@phone If your {mumdad} ever want to ring me, my number is still {BPHONE}.",
    "@phone {BS1} set me up with an email, {BEMAIL}, so I'm very modern now.",
    "@car {bgrandadf} has finally changed his old car; the new one is {BPLATE} and he washes it every Sunday.",
    "@choir The church has put photos of our concert on its website, {URL_CHURCH}, if your {mumdad} want to look.",
    "@pc They've changed the postcode on our estate, so it's {BPC} now, in case anyone needs it.",
])
NAN_CHOIRS = ["St Peter's Church choir", "Methodist Ladies' Choir", "Salvation Army songsters",
              "Valley Voices community choir", "St Cuthbert's Church choir", "Cantorion Bro Dysynni"]
NAN_SOCIETIES = ["Over-60s Friendship Club", "Hathersage WI", "Wednesday Club", "Silver Threads club",
                 "Forget-Me-Not luncheon club", "Kirkstall Townswomen's Guild"]

# A birth parent writing to the adoptive parents
BMP = {k: parse_pool(v) for k, v in {
    "open": [
        "Thank you so much for your letter and for all the news about {C}. It means the world to me.",
        "Thank you for the photos. I have put them in a frame next to my bed.",
        "I hope you are both well and that work isn't too busy.",
        "I was so happy to get your letter this year.",
        "Thank you for writing again. I know it's not always easy.",
    ],
    "body": [
        "I'm so glad {C} is happy and doing well at school.",
        "It's lovely to hear that {C} is enjoying {club}. I used to love sport at that age too.",
        "Please tell {C} I think about {him} every day.",
        "Could you tell me if {C} still likes dinosaurs? {He} was obsessed with them as a baby.",
        "I know I wasn't able to look after {C}, but I'm so grateful {he} has you.",
        "@me I'm doing much better these days. I've got a job and a flat and I'm in a good place.",
        "@job I've started at {BWORK} and I've been there six months now.",
        "@home I moved to {BTOWN} in the spring so I'm nearer my mum.",
        "@home My new address is {BFULLADDR}, if the letterbox people need it.",
        "I would love a photo of {C} in {his} school uniform, if that's allowed.",
        "I've been doing a parenting course at {BCOLLEGE}.",
        "{BS1} asks about {C} all the time, and I tell {bs1him} {C} is happy.",
        "I know it's not easy, this letterbox thing, and I'm grateful you always write.",
        "If you ever want to talk, my number is {BPHONE}, but I understand if it's not allowed.",
        "@soc I'm on Facebook as {BSOCIAL} if it's easier to message than write.",
        "@mail My email is {BEMAIL} if that's easier for the letterbox team.",
        "@home I've moved to a flat in {BOUT}, near the park, so please update the address on file.",
        "My support worker {SUPPORTFULL} helped me with this letter, so I hope it makes sense.",
        "I was sorry to hear about {P}. {C} must have been very upset.",
        "Please tell {C} that {BABY} was born on {BABYDOB}, so {he} has a new baby {babysib}.",
        "Does {C} still have the rabbit I gave {him}? It was mine when I was little.",
        "I've been in touch with {SW} at the agency about a meeting one day, when {C} is ready.",
    ],
    "close": [
        "Please give {C} a big hug from me.",
        "I'll try to write more often.",
        "Thank you again for everything you do for {C}.",
        "Take care of yourselves.",
    ],
}.items()}

# A birth father's short card
BDAD = {k: parse_pool(v) for k, v in {
    "open": [
        "@open Happy birthday {C}. Hope you have a great day.",
        "@open Hope you're doing well and being good.",
        "@open Have a good Christmas and don't eat too many sprouts.",
        "@open Just a quick card to say I'm thinking of you.",
    ],
    "body": [
        "I'm working away a lot at the moment on building sites, mostly round {TRIP}.",
        "Still supporting {team}. Hope you are too!",
        "I've got a new job at {BDWORK}, driving the vans.",
        "I think about you lots.",
        "I'm living in {TRIP2} now with my partner.",
        "Your nan says hello.",
        "I've put a tenner in for you.",
        "I've been learning to play the guitar, very badly.",
        "<8-17>Maybe one day we can go to a match together.",
        "I'm doing a lot better now, so don't worry about me.",
        "<12-17>My mobile is {BPHONE} if you ever want it when you're older.",
        "I remember you were born on {CDOB}, the best day.",
        "Hope you get loads of presents.",
        "I've got a dog now, a staffie called Tyson. He's soft as anything.",
        "I passed my forklift licence this year.",
        "@van I've got my own van now, {BPLATE}, so I'm my own boss.",
    ],
    "close": [
        "Keep working hard at school.",
        "I'm proud of you.",
        "Be good for your {mumdad}.",
    ],
}.items()}
BDAD_SIGN = ["Love", "Love from", "Take care", "All the best", "Love always", "Cheers", "Speak soon"]

# A teenager's own note to a birth relative (informal, sometimes lower case)
TEEN = {k: parse_pool(v) for k, v in {
    "greet": [
        "hi {R} its {C}. {pw} said i could write my own bit this year",
        "hey {R}, it's {C} {emoji}",
        "Hi {R}, I'm writing this myself this time.",
        "Dear {R},",
        "hiya {R}",
    ],
    "body": [
        "school is ok. im in {yr} now and there's sooo much homework",
        "I go to {SCHOOL} now, it's alright, the teachers are mostly nice",
        "my best mate is {F1}, we do everything together",
        "@club i'm on the {CLUB} team now, we train tuesdays and thursdays",
        "I'm really into {game} at the moment and I play it with {F2} online",
        "i support {team} even though they're rubbish this season lol",
        "@where we live in {TOWN} btw, its quite boring but there's a skate park",
        "we went to {abroad} in the summer it was boiling",
        "@soc add me on snapchat if you want, its {CSOCIAL}",
        "@soc my insta is {CSOCIAL} but {pw} says i have to ask the social worker first",
        "@soc my xbox gamertag is {CSOCIAL} if {BS1} plays",
        "@soc I post my drawings on {CSOCIAL} if you want to see them",
        "<14-17>@work I've got a part time job at {CWORK} on saturdays now, it's mostly [stacking shelves|washing up|sorting stuff out the back|on the tills]",
        "<15-17>i did my GCSE mocks and got a 7 in english which is good i think",
        "I want to be a paramedic when I'm older",
        "{P} is getting old but still the best {pet} ever",
        "@club I go to {club} at {CLUB} and I'm quite good at it now",
        "we had a day out in {TRIP} and it rained the whole time",
        "<15-17>i'm learning to drive next year, {pw}'s already scared",
        "@contact My phone number is {PHONE} if you want to text me",
        "@contact my email is {EMAIL} if you want to write to me instead of letters",
        "my full name is {CFULL} now btw, in case you didn't know",
        "<14-17>I'm doing my DofE bronze and we walked miles in {park}",
        "{F1}'s mum ({FMUM}) drives us to training every week",
        "i've been watching {tvteen} with {F3}, it's so good",
        "@car {pw} got a new car with a personalised plate, {PLATE}, so embarrassing",
        "@where we moved to {OUT} btw, its nearer my school",
        "my room is painted {colour} now, i chose it",
        "me and {F1} go to {eatery} after school most days",
        "i went to see {singer} in {month}, best night ever",
    ],
    "ask": [
        "Do you like {game}? What music do you like?",
        "what was I like when I was a baby?",
        "do I have any other brothers or sisters?",
        "what's your favourite film?",
        "is {BS1} ok?",
    ],
    "end": [
        "anyway thats all my news",
        "I hope you're ok.",
        "I think about you sometimes, it's weird but in a good way.",
        "write back if you want",
    ],
}.items()}
TEEN_CAPS = ["HAPPY BIRTHDAY!!!", "HOMEWORK IS SO HARD", "I PASSED MY GRADE 5!!", "WE WON THE CUP!!!",
             "THIS IS {C} WRITING", "MERRY CHRISTMAS {emoji}", "{CLUB} ARE CHAMPIONS",
             "SEE YOU IN {TOWN} ONE DAY MAYBE", "I GO TO {SCHOOL} NOW"]
TEEN_SIGN = ["from {C}", "love {C}", "{C} x", "bye!! {C}", "love from {C} {emoji}", "{C}", "{CFULL}",
             "speak soon, {C}", "love {C} (and {P})"]

# A young child's own lines inside a parent's letter, often in capitals
CHILD_BIT = parse_pool([
    "<5-10>{C} wants to add: hello {R}! i am {age} now. i like {show} and {P}.",
    "<5-10>HELLO {R}. I AM {age}. MY BEST FRIEND IS {F1}.",
    "<5-10>HELLO {R} I GO TO {SCHOOL} AND I AM IN {yr}. LOVE {C}",
    "<5-10>Dear {R}, I hope you are OK. I lost a tooth. From {C}",
    "<6-10>I AM IN {CLUB} NOW AND I GOT A MEDAL!!! {C}",
    "<5-10>{C} says: I live in {TOWN} and I have a {pet} called {P}!",
    "<5-10>From {C}: I like drawing and {food}. What do you like?",
    "<6-10>{C}: my teacher is {TEACHER} and {tshe} is nice",
])

# A birth sibling's own note to the child
BSIB = {k: parse_pool(v) for k, v in {
    "greet": ["hi {C} its your big {bs1sib} {BS1}!!", "Hello {C}, it's {BS1}", "hiya {C} {emoji} its {BS1}"],
    "body": [
        "im {bsib_age} now and in {bsib_yr} at {BSSCHOOL}",
        "mum talks about you loads",
        "i play for {BCLUB2} and we came second in the league",
        "we live in {BTOWN} still, nan is just round the corner",
        "do you like {game}? i'm obsessed",
        "@soc if you have snapchat mine is {BSSOCIAL}",
        "@soc my tiktok is {BSSOCIAL}, i do dances",
        "i hope we can meet one day when we're older",
        "we have a dog now called Tyson, he's massive",
        "we went to {eatery} for my birthday tea",
        "mum got a new car, its {BPLATE} lol, she's well proud",
        "i got a certificate for maths this year",
        "we went to {SEA} in the holidays and i went on the big slide like 20 times",
        "i've got a phone now, my number is {BSPHONE}",
    ],
    "end": ["write back if you want!!", "mum says happy birthday too {emoji}", "bye for now"],
}.items()}
BSIB_CLUBS = ["Valley Rangers", "Northfield Colts", "Penybont Juniors", "Saltaire Striders", "Ashfield Tigers",
              "Kingsway Karate", "Red Dragon Taekwondo"]


# ---------------------------------------------------------------------------------------
# Composing a letter
# ---------------------------------------------------------------------------------------

DATE_HEADERS = ["{odate}", "{month} {year}", "[Autumn|Spring|Summer|Winter] {year}", "{wdate}",
                "Letterbox ref: {ref}", "Ref {ref} — {month} {year}", "{odate}\nLetterbox ref {ref}"]
PRONOUN_STARTS = ("{He}", "{His}", "{he}", "She ", "He ")


class Letter:
    def __init__(self, f, rng, voice, richness):
        self.f, self.rng, self.voice, self.richness = f, rng, voice, richness
        self.blocks = []          # (segments, separator after)
        self.used = set()
        self.groups = set()
        self.marked_slots_left = {"clean": rng.choice([0, 0, 0, 1, 1, 2]), "light": 4, "rich": 99}[richness]
        self.q = {"clean": 0.0, "light": 0.28, "rich": 0.5}[richness]

    def words(self):
        return sum(len(seg_text(b).split()) for b, _ in self.blocks)

    def try_render(self, ctx, tpl):
        try:
            return ctx.render(tpl)
        except Missing:
            return None

    def choose(self, ctx, pool, want=None, first=False):
        """One sentence from pool, a marked one if `want` (None: by the letter's richness)."""
        rng = self.rng
        age = self.f.age
        cands = [(t, g) for (lo, hi, t, g) in pool
                 if lo <= age <= hi and t not in self.used and (g is None or g not in self.groups)]
        rng.shuffle(cands)
        if first:
            cands.sort(key=lambda tg: tg[0].startswith(PRONOUN_STARTS))     # stable: keeps the shuffle
        if want is None:
            want = self.marked_slots_left > 0 and rng.random() < self.q
            if self.richness == "clean" and self.marked_slots_left > 0 and rng.random() < 0.12:
                want = True
        fallback = None
        for t, g in cands:
            segs = self.try_render(ctx, t)
            if segs is None:
                continue
            m = has_mark(segs)
            if m == want:
                self._take(t, g, m)
                return segs
            if fallback is None and not m:
                fallback = (t, g, segs)
        if fallback:
            self._take(fallback[0], fallback[1], False)
            return fallback[2]
        return None

    def _take(self, t, g, marked):
        self.used.add(t)
        if g:
            self.groups.add(g)
        if marked:
            self.marked_slots_left -= 1

    def para(self, sentences, sep="\n\n"):
        sentences = [s for s in sentences if s]
        if not sentences:
            return
        segs = []
        for i, s in enumerate(sentences):
            if i:
                segs.append(" ")
            segs.extend(s)
        self.blocks.append((normalize(segs), sep))

    def line(self, segs, sep="\n"):
        self.blocks.append((normalize(segs), sep))

    def segments(self):
        out = []
        for i, (b, sep) in enumerate(self.blocks):
            out.extend(b)
            if i + 1 < len(self.blocks):
                out.append(sep)
        return normalize(out)


def render_any(L, ctx, *cands):
    """The first of cands whose placeholders this family can fill."""
    for c in cands:
        segs = L.try_render(ctx, c)
        if segs is not None:
            return segs
    raise AssertionError("no candidate renders: %r" % (cands,))


def upper_segs(segs):
    return [s.upper() if isinstance(s, str) else s.with_text(s.text.upper()) for s in segs]


def header(L, ctx):
    if L.rng.random() < 0.45:
        L.line(ctx.render(L.rng.choice(DATE_HEADERS)), "\n\n")


def topic_paragraph(L, ctx, pool, n):
    out = [L.choose(ctx, pool, first=True)]
    out += [L.choose(ctx, pool) for _ in range(n - 1)]
    return out


PARA_SEPS = ["\n\n", "\n\n", "\n\n", "\n"]
A_TOPICS = {"school": (9, 4), "hobbies": (7, 3), "holiday": (6, 2), "health": (3, 2), "pets": (3, 2),
            "friends": (3, 3), "family": (6, 3), "birthday": (3, 2), "christmas": (3, 2),
            "personality": (4, 2), "lifestory": (3, 2)}


def compose_adoptive(L, ctx, target):
    f, r = L.f, L.rng
    header(L, ctx)
    L.line(ctx.render(r.choice(["Dear {R},", "Dear {R},", "Hi {R},", "Hello {R}!", "To {R},", "Dear {R}, {emoji}",
                                "Dearest {R},", "Hello again {R},"])), "\n\n")
    L.para([L.choose(ctx, A["open"], want=False if r.random() < 0.7 else None, first=True),
            L.choose(ctx, A["open"], want=False) if r.random() < 0.35 else None])
    topics = list(A_TOPICS)
    chosen = []
    while len(chosen) < len(topics):
        t = r.choices(topics, [A_TOPICS[x][0] for x in topics])[0]
        if t not in chosen:
            chosen.append(t)
    photo_done = False
    for t in chosen:
        if L.words() >= target:
            break
        n = r.randint(2, A_TOPICS[t][1] + 1) if target > 330 else r.randint(1, A_TOPICS[t][1])
        L.para(topic_paragraph(L, ctx, A[t], n), r.choice(PARA_SEPS))
        if not photo_done and r.random() < 0.25:
            photo_done = True
            marked = L.richness != "clean" and r.random() < 0.4
            L.para([L.choose(ctx, A_PHOTO_MARKED if marked else A_PHOTO_PLAIN, want=marked)])
    if r.random() < {"clean": 0.0, "light": 0.12, "rich": 0.4}[L.richness]:
        L.para([L.choose(ctx, A["practical"], want=True)])
    if 5 <= f.age <= 10 and r.random() < 0.25:
        s = L.choose(ctx, CHILD_BIT, want=(L.richness == "rich" and r.random() < 0.5))
        if s:
            caps = not any(ch.islower() for x in s if isinstance(x, str) for ch in x)
            L.para([upper_segs(s) if caps or r.random() < 0.4 else s])
    L.para([L.choose(ctx, A["close"], want=False), L.choose(ctx, A["close"], want=False) if r.random() < 0.3 else None])
    sign = r.choice(A_SIGN)
    names = r.choice(["{parents}", "{parents}", "{parents_and}, {C} and {P}", "{parents_and} and {C}", "{C}'s {mumdad}",
                      "{A1}", "{parents} xx", "All of us ({parents_and}, {C} and {S})", "{parents} {emoji}",
                      "{C}'s {MumDad}"])
    if L.richness == "rich" and r.random() < 0.45:
        names = r.choice(["{ASIGFULL}", "{ASIGFULL} and {A2}", "The {SURS}", "{ASIGFULL} ({C}'s {A1rel})",
                          "{parents}\n{ADDRBLOCK}", "{ASIGFULL}, {A2} and {C}"])
    signline = render_any(L, ctx, names, "{parents}")
    if r.random() < 0.75:
        L.line([sign + ","], "\n")
        L.line(signline, "\n\n")
    else:
        L.line([sign + ", "] + signline, "\n\n")
    if r.random() < 0.3:
        L.para([L.choose(ctx, A_PS, want=L.richness != "clean" and r.random() < 0.55)])


def compose_birth_to_child(L, ctx, target, nan=False):
    f, r = L.f, L.rng
    header(L, ctx)
    greets = ["Dear {C},", "To my darling {C},", "Hello {C}!", "My dearest {C},", "Hiya {C},", "Dear {C} {emoji}",
              "To my beautiful {boy} {C},", "Hello sweetheart,"]
    if nan:
        greets = ["Dear {C},", "To my lovely grand{son} {C},", "Hello {C},", "My dear {C},", "Dearest {C},"]
    L.line(ctx.render(r.choice(greets)), "\n\n")
    L.para([L.choose(ctx, BM["open"], want=False, first=True),
            L.choose(ctx, BM["open"], want=False) if r.random() < 0.3 else None])
    topics = ["news", "family", "memory", "hopes"] + (["news"] if nan else [])
    r.shuffle(topics)
    if L.richness != "clean" and r.random() < 0.45:
        topics.insert(r.randint(1, len(topics)), "slip")
    for t in topics:
        if L.words() >= target:
            break
        if t == "slip":
            L.para([L.choose(ctx, BM["slip"], want=True)], r.choice(["\n\n", "\n"]))
            continue
        pool = (NAN_NEWS if nan else BM["mynews"]) if t == "news" else BM[t]
        L.para(topic_paragraph(L, ctx, pool, r.choice([1, 2, 2, 3, 3])), r.choice(PARA_SEPS))
        if r.random() < 0.18:
            marked = L.richness != "clean" and r.random() < 0.4
            L.para([L.choose(ctx, BM_PHOTO_MARKED if marked else BM_PHOTO_PLAIN, want=marked)])
    if L.words() < target:
        L.para(topic_paragraph(L, ctx, BM["hopes"], 2))
    L.para([L.choose(ctx, BM["close"], want=False)])
    sign = r.choice(BM_SIGN)
    if nan:
        names = r.choice(["{nansig} and {bgrandad} xx", "{nansig}", "{nanw} xxx", "{nansig} {emoji}", "Your {nanw}"])
        if L.richness == "rich" and r.random() < 0.4:
            names = r.choice(["{nanw} {NANSIGFULL}", "{NANSIGFULL} ({nanw})", "{nansig} {NANSUR}"])
        fallback = "{nansig}"
    else:
        names = r.choice(["{B}", "{B} x", "Mum", "Mummy {B}", "Your birth mum, {B}", "{B} (your birth mum)",
                          "Mum {B} xxx", "{B} {emoji}", "Mum xx"])
        if L.richness == "rich" and r.random() < 0.45:
            names = r.choice(["{BSIGFULL}", "{B} x\n{BADDRBLOCK}", "Mum ({BSIGFULL})", "{BSIGFULL} xx"])
        fallback = "{B}"
    L.line([sign + ","], "\n")
    L.line(render_any(L, ctx, names, fallback), "\n\n")
    if r.random() < 0.3:
        L.para([L.choose(ctx, BM_PS, want=(L.richness != "clean" and r.random() < 0.4))])


def compose_birth_to_parents(L, ctx, target):
    f, r = L.f, L.rng
    header(L, ctx)
    greet = r.choice(["Dear {A1} and {A2},", "Dear {A1},", "Hi {A1} and {A2},", "Dear {C}'s {mumdad},",
                      "To {parents},"])
    L.line(render_any(L, ctx, greet, "Dear {A1},"), "\n\n")
    L.para([L.choose(ctx, BMP["open"], want=False), L.choose(ctx, BMP["body"])])
    while L.words() < target:
        s = [L.choose(ctx, BMP["body"]) for _ in range(r.choice([2, 3, 3]))]
        if not any(s):
            break
        L.para(s, r.choice(PARA_SEPS))
    L.para([L.choose(ctx, BMP["close"], want=False)])
    L.line([r.choice(["Best wishes,", "Thank you again,", "Love,", "Take care,", "Many thanks,"])], "\n")
    names = "{B}"
    if L.richness == "rich" and r.random() < 0.5:
        names = r.choice(["{BSIGFULL}", "{B} ({C}'s birth mum)\n{BPHONE}"])
    L.line(ctx.render(names), "\n")


def compose_card(L, ctx, target):
    r = L.rng
    L.line(ctx.render(r.choice(["{C},", "Dear {C},", "Alright {C},", "To {C},", "Hi {C},"])), "\n\n")
    s = [L.choose(ctx, BDAD["open"], want=False)]
    while len(" ".join(seg_text(x) for x in s if x).split()) < max(target, 62) - 8:
        x = L.choose(ctx, BDAD["body"])
        if x is None:
            break
        s.append(x)
    s.append(L.choose(ctx, BDAD["close"], want=False))
    L.para(s, "\n\n")
    names = r.choice(["Dad", "{BD}", "Your dad, {BD}", "{BD} x", "Dad x"])
    if L.richness == "rich" and r.random() < 0.5:
        names = r.choice(["{BDFULL}", "Dad ({BDFULL})"])
    L.line([r.choice(BDAD_SIGN) + ","], "\n")
    L.line(ctx.render(names), "\n")


def compose_teen(L, ctx, target):
    r = L.rng
    lines_ = [L.choose(ctx, TEEN["greet"], want=False)]
    body = []
    while len(" ".join(seg_text(x) for x in lines_ + body if x).split()) < target:
        x = L.choose(ctx, TEEN["body"])
        if x is None:
            break
        body.append(x)
    if r.random() < 0.6:
        body.append(L.choose(ctx, TEEN["ask"], want=False))
    if r.random() < 0.35:
        x = L.try_render(ctx, r.choice(TEEN_CAPS))
        if x is not None and (L.richness != "clean" or not has_mark(x)):
            body.insert(r.randint(0, len(body)), upper_segs(x))
    lines_ += body + [L.choose(ctx, TEEN["end"], want=False)]
    joiner = r.choice(["\n", "\n\n", " "])
    lines_ = [x for x in lines_ if x]
    for i, x in enumerate(lines_):
        if joiner == " " and 0 < i < len(lines_) - 1 and not seg_text(x).rstrip().endswith(("?", ".", "!", ",")):
            x = x + ["."]
        L.line(x, ("\n\n" if i == 0 else joiner) if i + 1 < len(lines_) else "\n\n")
    L.line(render_any(L, ctx, r.choice(TEEN_SIGN) if L.richness != "clean" else "{C}", "{C}"), "\n")


def compose_bsib(L, ctx, target):
    r = L.rng
    s = [L.choose(ctx, BSIB["greet"], want=False)]
    while len(" ".join(seg_text(x) for x in s if x).split()) < max(target, 62) - 5:
        x = L.choose(ctx, BSIB["body"])
        if x is None:
            break
        s.append(x)
    s.append(L.choose(ctx, BSIB["end"], want=False))
    for x in s:
        if x:
            L.line(x, "\n")
    L.line(ctx.render(r.choice(["{BS1} x", "from {BS1}", "love {BS1} {emoji}"])), "\n")


# ---------------------------------------------------------------------------------------
# What the agency's records hold, and which names are allowed
# ---------------------------------------------------------------------------------------

MIDDLE_NAMES = ["Louise", "Marie", "Anne", "Jane", "Elizabeth", "May", "Michelle", "Leigh", "Dawn", "Jade"]


def family_records(f, r):
    recs = []

    def add(ent, kind, text):
        recs.append((ent, kind, text))

    def sur(s):
        if "-" in s and r.random() < 0.3:
            s = s.replace("-", " ")
        if r.random() < 0.1:
            s = s.upper()
        return s

    def formal(first):
        return FORMAL.get(first, first) if r.random() < 0.7 else first

    def addr(num, street, town, outw, inw):
        pc = outw + " " + inw
        return r.choice(["%s%s, %s %s" % (num, street, town[1], pc), "%s%s, %s, %s" % (num, street, town[1], pc),
                         "%s%s\n%s\n%s" % (num, street, town[1], pc), "%s%s, %s" % (num, street, pc)]).replace(", ,", ",")

    add("a_sur", "SURNAME", sur(f.a_sur))
    add("a_p1", "PERSON_NAME", "%s %s" % (formal(f.parents[0][1]), f.a_sur))
    if len(f.parents) > 1:
        add("a_p2", "PERSON_NAME", "%s %s" % (formal(f.parents[1][1]), f.a_sur))
    add("a_addr", "ADDRESS", addr(f.a_num, f.a_street, f.a_town, f.a_outward, f.a_inward))
    add("a_town", "TOWN", f.a_town[1])
    add("c_dob", "DATE_OF_BIRTH", r.choice(["%02d/%02d/%d" % f.dob, "%d-%02d-%02d" % (f.dob[2], f.dob[1], f.dob[0])]))
    add("c_school", "SCHOOL", f.school[1])
    if f.sibs:
        add("s_school", "SCHOOL", f.sib_school[1])
    for i, cl in enumerate(f.clubs):
        add("c_club%d" % (i + 1), "CLUB", cl[1])
    for i, w in enumerate(f.a_work):
        if w:
            add("a_work%d" % (i + 1), "WORKPLACE", w[0])
    if r.random() < 0.6:
        add("a_gran", "PERSON_NAME", "%s %s" % (formal(f.a_gran[1]), f.a_gran[2]))
    if r.random() < 0.4:
        add("a_aunt", "PERSON_NAME", "%s %s" % (f.a_aunt[1], f.a_aunt[2]))
    add("a_phone", "PHONE", f.a_phone.record(r))
    add("a_email", "EMAIL", f.a_email)
    if r.random() < 0.3:
        add("a_plate", "VEHICLE_PLATE", f.a_plate)
    # birth family
    add("b_sur", "SURNAME", sur(f.b_sur))
    add("b_mum", "PERSON_NAME", "%s %s%s" % (f.b_mum, (r.choice(MIDDLE_NAMES) + " ") if r.random() < 0.3 else "", f.b_sur))
    add("b_dad", "PERSON_NAME", "%s %s" % (formal(f.b_dad), f.bd_sur))
    if r.random() < 0.7:
        add("b_nan", "PERSON_NAME", "%s %s" % (formal(f.b_nan[1]), f.b_nan[2]))
    add("b_town", "TOWN", f.b_town[1])
    if r.random() < 0.3:      # the records hold an old address
        st, num = f._street()
        add("b_addr", "ADDRESS", addr(num, st, f.b_town, f.b_outward, make_inward(r)))
    else:
        add("b_addr", "ADDRESS", addr(f.b_num, f.b_street, f.b_town, f.b_outward, f.b_inward))
    if f.b_work and r.random() < 0.6:
        add("b_work", "WORKPLACE", f.b_work[0])
    if f.bd_work and r.random() < 0.4:
        add("b_dad_work", "WORKPLACE", f.bd_work[0])
    if r.random() < 0.5:
        add("b_college", "SCHOOL", f.b_college[1])
    if f.b_sibs and r.random() < 0.4:
        add("bs_school", "SCHOOL", f.b_sib_school[1])
    add("b_phone", "PHONE", f.b_phone.record(r))
    if r.random() < 0.7:
        add("b_email", "EMAIL", f.b_email)
    if r.random() < 0.25:
        add("b_social", "SOCIAL_MEDIA", f.b_social)
    if r.random() < 0.2:
        add("b_nan_club", "CLUB", f.nan_choir)
    return recs


def knowledge_for(f, r, mentioned):
    recs = family_records(f, r)
    mode = r.random()
    if mode < 0.15:
        return [], "none"
    if mode < 0.48:
        ment = [x for x in recs if x[0] in mentioned]
        keep_ment = set()
        for x in ment:
            if r.random() < 0.5:
                keep_ment.add(x[0])
        ment_ids = sorted({x[0] for x in ment})
        if ment_ids and len(keep_ment) == len(ment_ids):      # drop at least one thing the letter mentions
            keep_ment.discard(r.choice(ment_ids))
        if len(ment_ids) >= 2 and not keep_ment:
            keep_ment.add(r.choice(ment_ids))
        out = [x for x in recs if (x[0] in keep_ment) or (x[0] not in mentioned and r.random() < 0.35)]
        return [{"kind": k, "text": t} for _, k, t in out], "partial"
    out = [x for x in recs if x[0] in mentioned or r.random() < 0.55]
    return [{"kind": k, "text": t} for _, k, t in out], "full"


def allowed_for(f, voice, ctx):
    names = [f.child]
    if f.birth_name != f.child:
        names.append(f.birth_name)
    names += f.sibs + f.b_sibs
    pw = [p[0] for p in f.parents]
    pn = [p[1] for p in f.parents]
    if voice == "A":
        names += pn + [x.strip() for x in re.split(r" and |, ", ctx.vals["R"])]
    elif voice == "TEEN":
        names += [x.strip() for x in re.split(r" and |, ", ctx.vals["R"])] + pw
    elif voice == "BM":
        names += [f.b_mum, "Mum", "Mummy", f.b_dad, "%s %s" % (f.b_nan[0], f.b_nan[1])]
    elif voice == "NAN":
        names += ["%s %s" % (f.b_nan[0], f.b_nan[1]), f.b_nan[0], f.b_nan[1],
                  "%s %s" % f.b_grandad, f.b_grandad[1], f.b_mum]
    elif voice == "BDAD":
        names += [f.b_dad, "Dad"]
    elif voice == "BMP":
        names += [f.b_mum] + pn
    elif voice == "BSIB":
        names += [f.b_mum]
    out = []
    for n in names:
        if n and n not in out:
            out.append(n)
    return out


# ---------------------------------------------------------------------------------------
# Finishing: typography, offsets
# ---------------------------------------------------------------------------------------

def typography(segs, r):
    curly = r.random() < 0.42
    hyphen_dash = (not curly) and r.random() < 0.4
    out = []
    prev = "\n"
    for s in segs:
        t = s if isinstance(s, str) else s.text
        if curly:
            buf = []
            for ch in t:
                if ch == "'":
                    buf.append("‘" if prev in " \n(\"“" else "’")
                elif ch == '"':
                    buf.append("“" if prev in " \n(" else "”")
                else:
                    buf.append(ch)
                prev = buf[-1]
            t = "".join(buf)
        else:
            prev = t[-1] if t else prev
        if hyphen_dash and isinstance(s, str):
            t = t.replace(" — ", " - ")
        out.append(t if isinstance(s, str) else s.with_text(t))
    return out


def to_record(lid, direction, segs, knowledge, allowed):
    text = []
    details = []
    pos = 0
    for s in segs:
        if isinstance(s, str):
            text.append(s)
            pos += len(s)
        else:
            details.append({"kind": s.kind, "start": pos, "end": pos + len(s.text), "text": s.text})
            text.append(s.text)
            pos += len(s.text)
    text = "".join(text)
    return {"id": lid, "direction": direction, "text": text, "knowledge": knowledge, "allowed": allowed,
            "details": details}


VOICES = ["A", "TEEN", "BM", "NAN", "BDAD", "BMP", "BSIB"]
VOICE_WEIGHTS = [50, 16, 18, 8, 5, 5, 3]
DIRECTION = {"A": "ADOPTIVE_TO_BIRTH", "TEEN": "ADOPTIVE_TO_BIRTH", "BM": "BIRTH_TO_ADOPTIVE",
             "NAN": "BIRTH_TO_ADOPTIVE", "BDAD": "BIRTH_TO_ADOPTIVE", "BMP": "BIRTH_TO_ADOPTIVE",
             "BSIB": "BIRTH_TO_ADOPTIVE"}


def target_words(r, voice):
    if voice == "A":
        return r.choices([r.randint(90, 160), r.randint(160, 330), r.randint(330, 520)], [22, 56, 22])[0]
    if voice in ("BM", "NAN"):
        return r.choices([r.randint(80, 150), r.randint(150, 320), r.randint(320, 450)], [25, 60, 15])[0]
    if voice == "BMP":
        return r.randint(90, 260)
    if voice == "TEEN":
        return r.randint(60, 190)
    return r.randint(62, 110)


def make_letter(r, n):
    while True:
        f = Family(r)
        if f.name_clash():
            continue
        voice = r.choices(VOICES, VOICE_WEIGHTS)[0]
        if voice == "TEEN" and f.age < 11:
            voice = "A"
        if voice == "BSIB" and (not f.b_sibs or f.b_sib_age < 9):
            voice = "BM"
        if voice == "BDAD" and f.age < 4:
            voice = "BM"
        richness = r.choices(["clean", "light", "rich"], [32, 25, 43])[0]
        birth_voice = DIRECTION[voice] == "BIRTH_TO_ADOPTIVE"
        ctx = build_ctx(f, r, birth_voice=birth_voice, sloppy=(voice in ("TEEN", "BSIB") and r.random() < 0.5))
        if voice in ("A", "TEEN"):
            R_opts = [f.b_mum] * 6 + [f.b_dad, "%s and %s" % (f.b_nan[1], f.b_grandad[1]),
                                      "%s and %s" % (f.b_mum, f.b_nan[1]), "%s %s" % (f.b_nan[0], f.b_nan[1])]
            ctx["R"] = r.choice(R_opts)
        L = Letter(f, r, voice, richness)
        target = target_words(r, voice)
        if voice == "A":
            compose_adoptive(L, ctx, target)
        elif voice in ("BM", "NAN"):
            if voice == "NAN":       # the grandmother writes "I", not "Nanny Jean"
                ctx["nan"] = None
                ctx["NANFULL"] = None
            compose_birth_to_child(L, ctx, target, nan=(voice == "NAN"))
        elif voice == "BMP":
            compose_birth_to_parents(L, ctx, target)
        elif voice == "BDAD":
            compose_card(L, ctx, target)
        elif voice == "TEEN":
            compose_teen(L, ctx, target)
        else:
            compose_bsib(L, ctx, target)
        segs = typography(L.segments(), r)
        nwords = len(seg_text(segs).split())
        if not 60 <= nwords <= 600:
            continue
        mentioned = set(s.ent for s in segs if isinstance(s, M) and s.ent)
        knowledge, _mode = knowledge_for(f, r, mentioned)
        rec = to_record("L%04d" % n, DIRECTION[voice], segs, knowledge, allowed_for(f, voice, ctx))
        problems = check_record(rec)
        if problems:
            raise AssertionError("generator bug in %s: %s" % (rec["id"], problems))
        return rec


# ---------------------------------------------------------------------------------------
# Checking a corpus file
# ---------------------------------------------------------------------------------------

def check_record(rec):
    problems = []
    text = rec.get("text")
    if not isinstance(text, str):
        return ["no text"]
    if rec.get("direction") not in ("ADOPTIVE_TO_BIRTH", "BIRTH_TO_ADOPTIVE"):
        problems.append("bad direction %r" % rec.get("direction"))
    prev_end = 0
    for i, d in enumerate(rec.get("details", [])):
        where = "detail %d (%s %r)" % (i, d.get("kind"), d.get("text"))
        s, e = d.get("start"), d.get("end")
        if d.get("kind") not in KINDS:
            problems.append("%s: unknown kind" % where)
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            problems.append("%s: span [%r, %r) out of bounds (text has %d code points)" % (where, s, e, len(text)))
            continue
        if text[s:e] != d.get("text"):
            problems.append("%s: text[%d:%d] is %r" % (where, s, e, text[s:e]))
        if s < prev_end:
            problems.append("%s: starts at %d, before the previous span ends (%d): overlap or out of order"
                            % (where, s, prev_end))
        prev_end = max(prev_end, e)
    for k in rec.get("knowledge", []):
        if k.get("kind") not in KINDS or not k.get("text"):
            problems.append("bad knowledge entry %r" % (k,))
    return problems


def check_file(path):
    bad = 0
    seen = set()
    n = nd = 0
    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
            except ValueError as e:
                print("%s:%d: not JSON: %s" % (path, lineno, e))
                bad += 1
                continue
            lid = rec.get("id", "line %d" % lineno)
            if lid in seen:
                print("%s: duplicate id" % lid)
                bad += 1
            seen.add(lid)
            for p in check_record(rec):
                print("%s: %s" % (lid, p))
                bad += 1
            n += 1
            nd += len(rec.get("details", []))
    if bad:
        print("%d problem(s) in %s" % (bad, path))
        return 1
    print("OK: %d letters, %d marked details, every span checked" % (n, nd))
    return 0


def generate():
    r = random.Random(SEED)
    return [make_letter(r, i + 1) for i in range(N_LETTERS)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", metavar="FILE", help="verify every marked span of a corpus file and exit")
    args = ap.parse_args(argv)
    if args.check:
        return check_file(args.check)
    out = sys.stdout.buffer
    for rec in generate():
        out.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
