import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/engine/geo.js';
import { driveTimeMinutes } from '../../src/routes/windshield.js';

/** n accounts on a square grid with `stepDeg` between neighbours, from (lat0, lon0). */
function grid(n: number, stepDeg: number, lat0 = 40, lon0 = -90) {
    const side = Math.ceil(Math.sqrt(n));
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        lat[i] = lat0 + Math.floor(i / side) * stepDeg;
        lon[i] = lon0 + (i % side) * stepDeg;
    }
    return { lat, lon };
}

describe('windshield time (driving per month to reach each account on a route)', () => {
    it('is the mean of the two nearest legs, as road minutes at the given speed', () => {
        // three accounts on a line: 10 km and 30 km apart
        const lat = Float64Array.from([40, 40, 40]);
        const kmPerDegLon = haversineKm(40, 0, 40, 1);
        const lon = Float64Array.from([0, 10 / kmPerDegLon, 40 / kmPerDegLon]);
        const m = driveTimeMinutes(lat, lon, null, null, { speedKmh: 60, circuity: 1 });
        // first: legs 10 and 40 km → 25 km; middle: 10 and 30 → 20; last: 30 and 40 → 35
        expect(m[0]).toBeCloseTo(25, 1);
        expect(m[1]).toBeCloseTo(20, 1);
        expect(m[2]).toBeCloseTo(35, 1);
        // defaults: 50 km/h and 1.3 road km per km
        const d = driveTimeMinutes(lat, lon, null, null);
        expect(d[1]).toBeCloseTo((20 * 1.3 * 60) / 50, 1);
    });

    it('costs more where accounts are sparse: 100 rural accounts drive more than 100 downtown', () => {
        const town = grid(100, 0.01); // ~1 km apart
        const rural = grid(100, 0.2, 44, -100); // ~20 km apart
        const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
        const townMin = sum(driveTimeMinutes(town.lat, town.lon, null, null));
        const ruralMin = sum(driveTimeMinutes(rural.lat, rural.lon, null, null));
        expect(ruralMin / townMin).toBeGreaterThan(15);
        expect(ruralMin / townMin).toBeLessThan(25);
    });

    it('scales with visits per month, and a visit-free account adds nothing', () => {
        const { lat, lon } = grid(16, 0.1);
        const once = driveTimeMinutes(lat, lon, null, null);
        const visits = Array.from({ length: 16 }, (_, i) => i % 3);
        const many = driveTimeMinutes(lat, lon, visits, null);
        for (let i = 0; i < 16; i++) expect(many[i]).toBeCloseTo(once[i]! * visits[i]!, 9);
    });

    it('routes each segment through its own accounts only; one alone in its segment adds 0', () => {
        // A and B next door but in different segments; C far from A, same segment
        const lat = Float64Array.from([40, 40.001, 41, 40.5]);
        const lon = Float64Array.from([-90, -90, -90, -95]);
        const seg = ['ENT', 'SMB', 'ENT', 'SMB'];
        const bySeg = driveTimeMinutes(lat, lon, null, seg);
        const pooled = driveTimeMinutes(lat, lon, null, null);
        const minutes = (km: number) => (km * 1.3 * 60) / 50;
        const ab = haversineKm(40, -90, 40.001, -90);
        const ac = haversineKm(40, -90, 41, -90);
        expect(bySeg[0]).toBeCloseTo(minutes(ac), 6); // its only segment neighbour is C
        expect(pooled[0]).toBeCloseTo(minutes((ab + ac) / 2), 6);
        const alone = driveTimeMinutes(lat, lon, null, ['ENT', 'SMB', 'ENT', 'PUB']);
        expect(alone[3]).toBe(0);
    });

    it('is the same for the same input (no randomness) and rejects a bad speed', () => {
        const { lat, lon } = grid(500, 0.03);
        expect(driveTimeMinutes(lat, lon, null, null)).toEqual(
            driveTimeMinutes(lat, lon, null, null)
        );
        expect(() => driveTimeMinutes(lat, lon, null, null, { speedKmh: 0 })).toThrow(/speedKmh/);
    });
});
