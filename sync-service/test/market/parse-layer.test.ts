import { describe, expect, it } from 'vitest';
import { lookupPostal } from '../../src/geo/postal-reference.js';
import { LayerInputError, parseLayer } from '../../src/market/parse-layer.js';

const problems = (f: () => unknown): string => {
    try {
        f();
    } catch (error) {
        expect(error).toBeInstanceOf(LayerInputError);
        return (error as Error).message;
    }
    throw new Error('no error');
};

describe('market layer files', () => {
    it('reads a CSV of points with names and values', () => {
        const layer = parseLayer(
            'points',
            'csv',
            'Name,Latitude,Longitude,Value\nRival North,39.75,-104.99,3\nRival South,"39.6",-105.0,\n'
        );
        expect(layer.kind).toBe('points');
        expect(layer.features).toEqual([
            {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: [-104.99, 39.75] },
                properties: { name: 'Rival North', value: 3 }
            },
            {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: [-105, 39.6] },
                properties: { name: 'Rival South' }
            }
        ]);
        expect(layer.valueRange).toEqual({ min: 3, max: 3 });
        expect(layer.valueTotal).toBe(3);
    });

    it('places values per postal code at the ZIP code centre, ZIP+4 and lost zeros read', () => {
        const layer = parseLayer(
            'postal_values',
            'csv',
            'PostalCode,Value\n80202,120\n2134-1234,30.5\n'
        );
        const denver = lookupPostal('80202')!;
        expect(layer.features[0]).toEqual({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [denver.lon, denver.lat] },
            properties: { postalCode: '80202', value: 120 }
        });
        expect(layer.features[1]!.properties).toEqual({ postalCode: '02134', value: 30.5 });
        expect(layer.valueRange).toEqual({ min: 30.5, max: 120 });
        expect(layer.valueTotal).toBe(150.5);
    });

    it('reads GeoJSON points and postal values', () => {
        const points = parseLayer(
            'points',
            'geojson',
            JSON.stringify({
                type: 'FeatureCollection',
                features: [
                    {
                        type: 'Feature',
                        geometry: { type: 'Point', coordinates: [-71.1, 42.3] },
                        properties: { name: 'Depot', value: 2, other: 'kept out' }
                    }
                ]
            })
        );
        expect(points.features[0]!.properties).toEqual({ name: 'Depot', value: 2 });
        const values = parseLayer(
            'postal_values',
            'geojson',
            JSON.stringify({
                type: 'FeatureCollection',
                features: [
                    {
                        type: 'Feature',
                        geometry: null,
                        properties: { postalCode: '80202', value: 7 }
                    }
                ]
            })
        );
        expect(values.features[0]!.properties).toEqual({ postalCode: '80202', value: 7 });
    });

    it('names every bad line and column, and stores nothing partial', () => {
        const message = problems(() =>
            parseLayer(
                'postal_values',
                'csv',
                'PostalCode,Value\n80202,1\nSW1A 1AA,2\n80203,$1000\n80204,\n80202,5\n'
            )
        );
        expect(message).toContain("line 3, column PostalCode: 'SW1A 1AA' is not a US ZIP code");
        expect(message).toContain("line 4, column Value: '$1000' is not a number");
        expect(message).toContain('line 5, column Value: empty');
        expect(
            problems(() =>
                parseLayer('postal_values', 'csv', 'PostalCode,Value\n80202,1\n80202,5\n')
            )
        ).toContain('line 3: postal code 80202 is also at line 2');
        expect(problems(() => parseLayer('points', 'csv', 'Lat,Lon\n1,2\n'))).toContain(
            'line 1: the header needs Latitude and Longitude'
        );
        expect(problems(() => parseLayer('points', 'csv', 'Latitude,Longitude\n95,2\n'))).toContain(
            "line 2: Latitude '95' must be a number from -90 to 90"
        );
        expect(problems(() => parseLayer('points', 'csv', 'Latitude,Longitude\n'))).toContain(
            'no feature'
        );
    });

    it('refuses GeoJSON that is not a collection of the right features', () => {
        expect(problems(() => parseLayer('points', 'geojson', '{'))).toContain('not JSON');
        expect(problems(() => parseLayer('points', 'geojson', '{"type":"Feature"}'))).toContain(
            'FeatureCollection'
        );
        const message = problems(() =>
            parseLayer(
                'points',
                'geojson',
                JSON.stringify({
                    type: 'FeatureCollection',
                    features: [
                        {
                            type: 'Feature',
                            geometry: { type: 'Polygon', coordinates: [] },
                            properties: {}
                        },
                        {
                            type: 'Feature',
                            geometry: { type: 'Point', coordinates: [-71, 42] },
                            properties: { value: '3' }
                        }
                    ]
                })
            )
        );
        expect(message).toContain('feature 0: a points layer needs Point geometries');
        expect(message).toContain('feature 1: properties.value must be a number');
    });
});
