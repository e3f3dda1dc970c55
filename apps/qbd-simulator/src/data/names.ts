// Word lists for generated companies: Québec French and North-American English names,
// trades, streets and towns. Every character is in Windows-1252, as QuickBooks needs.

export const FRENCH_FIRST = [
  'Jean',
  'Marie',
  'François',
  'Hélène',
  'Sébastien',
  'Geneviève',
  'Étienne',
  'Benoît',
  'Josée',
  'Réjean',
  'Chloé',
  'Mathieu',
  'Amélie',
  'Gaétan',
  'Noémie',
  'Jérôme',
  'Stéphanie',
  'Frédéric',
  'Élodie',
  'Luc',
  'Valérie',
  'Denis',
  'Sylvie',
  'Mélanie',
  'André',
  'Céline',
  'Raphaël',
  'Léa',
  'Zoé',
  'Maxime',
  'Ghislain',
  'Françoise',
  'Anaïs',
  'Hugues',
  'Maël',
];

export const FRENCH_LAST = [
  'Tremblay',
  'Gagnon',
  'Roy',
  'Côté',
  'Bouchard',
  'Gauthier',
  'Morin',
  'Lavoie',
  'Fortin',
  'Gagné',
  'Ouellet',
  'Pelletier',
  'Bélanger',
  'Lévesque',
  'Bergeron',
  'Leblanc',
  'Paquette',
  'Girard',
  'Simard',
  'Boucher',
  'Caron',
  'Beaulieu',
  'Cloutier',
  'Dubé',
  'Poirier',
  'Fournier',
  'Lapointe',
  'Leclerc',
  'Lefebvre',
  'Thériault',
  'Désilets',
  'Brassard',
  'Gélinas',
  'Hébert',
  'Lachapelle',
  'St-Pierre',
  "D'Amours",
  'Vézina',
  'Bérubé',
  'Ménard',
];

export const ENGLISH_FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'Michael',
  'Jennifer',
  'William',
  'Linda',
  'David',
  'Elizabeth',
  'Richard',
  'Susan',
  'Thomas',
  'Karen',
  'Daniel',
  'Nancy',
  'Matthew',
  'Lisa',
  'Andrew',
  'Emily',
  'Owen',
  'Grace',
  'Liam',
  'Hannah',
];

export const ENGLISH_LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Martin',
  'Jackson',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Walker',
  "O'Brien",
  'MacDonald',
  'Campbell',
  'Stewart',
  'Murray',
  'Fraser',
];

export const FRENCH_COMPANY = [
  (n: string) => `Plomberie ${n} inc.`,
  (n: string) => `Électricité ${n} & Fils`,
  (n: string) => `Chauffage ${n} ltée`,
  (n: string) => `Construction ${n}`,
  (n: string) => `Rénovations ${n}`,
  (n: string) => `Toitures ${n} inc.`,
  (n: string) => `Les Entreprises ${n}`,
  (n: string) => `Paysagement ${n}`,
  (n: string) => `Gestion immobilière ${n}`,
  (n: string) => `Réfrigération ${n}`,
  (n: string) => `Garage ${n} enr.`,
];

export const ENGLISH_COMPANY = [
  (n: string) => `${n} Plumbing & Heating`,
  (n: string) => `${n} Electric`,
  (n: string) => `${n} Property Management`,
  (n: string) => `${n} Roofing Ltd.`,
  (n: string) => `${n} Mechanical Inc.`,
  (n: string) => `${n} & Sons Contracting`,
  (n: string) => `${n} Landscaping`,
  (n: string) => `${n} HVAC Services`,
];

export const FRENCH_STREETS = [
  'rue Saint-Denis',
  'boul. René-Lévesque',
  'rue Sainte-Catherine',
  'ch. de la Côte-des-Neiges',
  'av. du Mont-Royal',
  'rue Notre-Dame',
  'boul. Saint-Laurent',
  'rue Sherbrooke',
  "rue de l'Église",
  'rang Saint-Joseph',
  'ch. du Lac',
  'rue Principale',
  'rue des Érables',
  'boul. des Forges',
];

export const ENGLISH_STREETS = [
  'Maple Street',
  'Oak Avenue',
  'Main Street',
  'King Street West',
  'Queen Street East',
  'Elm Drive',
  'Lakeshore Road',
  'Church Street',
  'Pine Ridge Road',
  'Harbour Street',
];

export interface Town {
  city: string;
  state: string;
  postal: string;
  country: 'CA' | 'US';
  french: boolean;
}

export const TOWNS: Town[] = [
  { city: 'Montréal', state: 'QC', postal: 'H2X', country: 'CA', french: true },
  { city: 'Québec', state: 'QC', postal: 'G1R', country: 'CA', french: true },
  { city: 'Laval', state: 'QC', postal: 'H7N', country: 'CA', french: true },
  { city: 'Gatineau', state: 'QC', postal: 'J8Y', country: 'CA', french: true },
  { city: 'Sherbrooke', state: 'QC', postal: 'J1H', country: 'CA', french: true },
  { city: 'Trois-Rivières', state: 'QC', postal: 'G9A', country: 'CA', french: true },
  { city: 'Lévis', state: 'QC', postal: 'G6V', country: 'CA', french: true },
  { city: 'Saint-Jérôme', state: 'QC', postal: 'J7Z', country: 'CA', french: true },
  { city: 'Rimouski', state: 'QC', postal: 'G5L', country: 'CA', french: true },
  { city: 'Moncton', state: 'NB', postal: 'E1C', country: 'CA', french: true },
  { city: 'Toronto', state: 'ON', postal: 'M5V', country: 'CA', french: false },
  { city: 'Ottawa', state: 'ON', postal: 'K1P', country: 'CA', french: false },
  { city: 'Kingston', state: 'ON', postal: 'K7L', country: 'CA', french: false },
  { city: 'Burlington', state: 'VT', postal: '05401', country: 'US', french: false },
  { city: 'Boston', state: 'MA', postal: '02108', country: 'US', french: false },
  { city: 'Portland', state: 'ME', postal: '04101', country: 'US', french: false },
  { city: 'Plattsburgh', state: 'NY', postal: '12901', country: 'US', french: false },
];

export const JOB_NAMES = [
  (n: number) => `Unité ${n}${'ABCD'[n % 4]}`,
  (n: number) => `Chantier ${n}`,
  (n: number) => `Phase ${n}`,
  (n: number) => `Bâtiment ${'ABCDEFGH'[n % 8]}${n}`,
  (n: number) => `Unit ${n}${'ABCD'[n % 4]}`,
  (n: number) => `Building ${n}`,
  (n: number) => `Service contract ${2020 + (n % 6)}`,
];

export const SERVICE_ITEMS = [
  "Main-d'œuvre",
  'Installation',
  'Inspection',
  'Entretien préventif',
  'Déplacement',
  'Diagnostic',
  'Labor',
  'Service call',
  'Tune-up',
  'Emergency call',
  'Réparation',
  'Mise en service',
];

export const PRODUCT_ITEMS = [
  'Chauffe-eau 40 gal',
  'Thermopompe 12000 BTU',
  'Disjoncteur 20A',
  'Robinet de cuisine',
  'Filtre à air',
  'Thermostat programmable',
  'Valve à bille ¾"',
  'Tuyau PEX ½"',
  'Breaker 20A',
  'Water heater 50 gal',
  'Sump pump',
  'Smoke detector',
  'Câble 14/2 (150 pi)',
  "Échangeur d'air",
];

export const ITEM_CATEGORIES = [
  'Plomberie',
  'Électricité',
  'Chauffage',
  'Ventilation',
  'Plumbing',
  'Electrical',
];

export const CLASS_NAMES = [
  'Résidentiel',
  'Commercial',
  'Industriel',
  'Municipal',
  'Service',
  'Installation',
];

/** Removes accents and apostrophes for e-mail addresses. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')
    .toLowerCase();
}
