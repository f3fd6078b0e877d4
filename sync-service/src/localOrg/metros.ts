/**
 * US metropolitan areas the sample org clusters accounts around: principal city, state, centre
 * coordinates, metro population in millions (approximate Census figures; used only as weights)
 * and the 3-digit ZIP prefix of the principal city.
 */
export interface Metro {
    city: string;
    state: string;
    lat: number;
    lon: number;
    population: number;
    zip3: string;
}

export const METROS: readonly Metro[] = [
    { city: 'New York', state: 'NY', lat: 40.7128, lon: -74.006, population: 19.5, zip3: '100' },
    {
        city: 'Los Angeles',
        state: 'CA',
        lat: 34.0522,
        lon: -118.2437,
        population: 12.8,
        zip3: '900'
    },
    { city: 'Chicago', state: 'IL', lat: 41.8781, lon: -87.6298, population: 9.3, zip3: '606' },
    { city: 'Dallas', state: 'TX', lat: 32.7767, lon: -96.797, population: 8.1, zip3: '752' },
    { city: 'Houston', state: 'TX', lat: 29.7604, lon: -95.3698, population: 7.3, zip3: '770' },
    { city: 'Washington', state: 'DC', lat: 38.9072, lon: -77.0369, population: 6.3, zip3: '200' },
    {
        city: 'Philadelphia',
        state: 'PA',
        lat: 39.9526,
        lon: -75.1652,
        population: 6.2,
        zip3: '191'
    },
    { city: 'Atlanta', state: 'GA', lat: 33.749, lon: -84.388, population: 6.3, zip3: '303' },
    { city: 'Miami', state: 'FL', lat: 25.7617, lon: -80.1918, population: 6.1, zip3: '331' },
    { city: 'Phoenix', state: 'AZ', lat: 33.4484, lon: -112.074, population: 5.0, zip3: '850' },
    { city: 'Boston', state: 'MA', lat: 42.3601, lon: -71.0589, population: 4.9, zip3: '021' },
    { city: 'Riverside', state: 'CA', lat: 33.9806, lon: -117.3755, population: 4.6, zip3: '925' },
    {
        city: 'San Francisco',
        state: 'CA',
        lat: 37.7749,
        lon: -122.4194,
        population: 4.6,
        zip3: '941'
    },
    { city: 'Detroit', state: 'MI', lat: 42.3314, lon: -83.0458, population: 4.3, zip3: '482' },
    { city: 'Seattle', state: 'WA', lat: 47.6062, lon: -122.3321, population: 4.0, zip3: '981' },
    { city: 'Minneapolis', state: 'MN', lat: 44.9778, lon: -93.265, population: 3.7, zip3: '554' },
    { city: 'Tampa', state: 'FL', lat: 27.9506, lon: -82.4572, population: 3.3, zip3: '336' },
    { city: 'San Diego', state: 'CA', lat: 32.7157, lon: -117.1611, population: 3.3, zip3: '921' },
    { city: 'Denver', state: 'CO', lat: 39.7392, lon: -104.9903, population: 3.0, zip3: '802' },
    { city: 'Baltimore', state: 'MD', lat: 39.2904, lon: -76.6122, population: 2.8, zip3: '212' },
    { city: 'St. Louis', state: 'MO', lat: 38.627, lon: -90.1994, population: 2.8, zip3: '631' },
    { city: 'Orlando', state: 'FL', lat: 28.5383, lon: -81.3792, population: 2.7, zip3: '328' },
    { city: 'Charlotte', state: 'NC', lat: 35.2271, lon: -80.8431, population: 2.7, zip3: '282' },
    { city: 'San Antonio', state: 'TX', lat: 29.4241, lon: -98.4936, population: 2.6, zip3: '782' },
    { city: 'Portland', state: 'OR', lat: 45.5152, lon: -122.6784, population: 2.5, zip3: '972' },
    { city: 'Sacramento', state: 'CA', lat: 38.5816, lon: -121.4944, population: 2.4, zip3: '958' },
    { city: 'Pittsburgh', state: 'PA', lat: 40.4406, lon: -79.9959, population: 2.4, zip3: '152' },
    { city: 'Austin', state: 'TX', lat: 30.2672, lon: -97.7431, population: 2.4, zip3: '787' },
    { city: 'Las Vegas', state: 'NV', lat: 36.1699, lon: -115.1398, population: 2.3, zip3: '891' },
    { city: 'Cincinnati', state: 'OH', lat: 39.1031, lon: -84.512, population: 2.3, zip3: '452' },
    { city: 'Kansas City', state: 'MO', lat: 39.0997, lon: -94.5786, population: 2.2, zip3: '641' },
    { city: 'Columbus', state: 'OH', lat: 39.9612, lon: -82.9988, population: 2.1, zip3: '432' },
    {
        city: 'Indianapolis',
        state: 'IN',
        lat: 39.7684,
        lon: -86.1581,
        population: 2.1,
        zip3: '462'
    },
    { city: 'Cleveland', state: 'OH', lat: 41.4993, lon: -81.6944, population: 2.1, zip3: '441' },
    { city: 'Nashville', state: 'TN', lat: 36.1627, lon: -86.7816, population: 2.0, zip3: '372' },
    { city: 'San Jose', state: 'CA', lat: 37.3382, lon: -121.8863, population: 2.0, zip3: '951' },
    {
        city: 'Jacksonville',
        state: 'FL',
        lat: 30.3322,
        lon: -81.6557,
        population: 1.7,
        zip3: '322'
    },
    { city: 'Raleigh', state: 'NC', lat: 35.7796, lon: -78.6382, population: 1.5, zip3: '276' },
    {
        city: 'Salt Lake City',
        state: 'UT',
        lat: 40.7608,
        lon: -111.891,
        population: 1.3,
        zip3: '841'
    },
    {
        city: 'Oklahoma City',
        state: 'OK',
        lat: 35.4676,
        lon: -97.5164,
        population: 1.4,
        zip3: '731'
    },
    { city: 'Milwaukee', state: 'WI', lat: 43.0389, lon: -87.9065, population: 1.6, zip3: '532' },
    {
        city: 'Albuquerque',
        state: 'NM',
        lat: 35.0844,
        lon: -106.6504,
        population: 0.9,
        zip3: '871'
    },
    { city: 'Omaha', state: 'NE', lat: 41.2565, lon: -95.9345, population: 1.0, zip3: '681' },
    { city: 'Boise', state: 'ID', lat: 43.615, lon: -116.2023, population: 0.8, zip3: '837' }
];
