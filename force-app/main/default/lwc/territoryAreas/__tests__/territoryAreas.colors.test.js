import {
    AREA_PALETTE,
    adjacencyFromPairs as adjacencyOf,
    stableTerritoryColors
} from 'c/territoryAreas';

describe('c-territory-areas stable colours', () => {
    it('keeps each territory its colour when territories are added or the list is reordered', () => {
        const ids = ['0MI001', '0MI002', '0MI003', '0MI004'];
        const pairs = [
            ['0MI001', '0MI002'],
            ['0MI002', '0MI003']
        ];
        const before = stableTerritoryColors(ids, adjacencyOf(pairs));
        // A new hire's territory that borders none of them, and the list in another order.
        const after = stableTerritoryColors(['new-1', ...[...ids].reverse()], adjacencyOf(pairs));
        for (const id of ids) {
            expect(after.get(id)).toBe(before.get(id));
        }
        expect(AREA_PALETTE).toContain(after.get('new-1'));
    });

    it('never gives neighbours the same colour (brute force over a dense graph)', () => {
        const ids = Array.from({ length: 30 }, (_, i) => `T${i}`);
        const pairs = [];
        for (let i = 0; i < ids.length; i++) {
            for (let j = i + 1; j < Math.min(ids.length, i + 6); j++) {
                pairs.push([ids[i], ids[j]]);
            }
        }
        const colors = stableTerritoryColors(ids, adjacencyOf(pairs));
        expect(colors.size).toBe(30);
        for (const [a, b] of pairs) {
            expect(colors.get(a)).not.toBe(colors.get(b));
        }
    });

    it('takes extra hues when the palette is too small', () => {
        const colors = stableTerritoryColors(
            ['A', 'B', 'C'],
            adjacencyOf([
                ['A', 'B'],
                ['B', 'C'],
                ['A', 'C']
            ]),
            ['#111111', '#222222']
        );
        expect(new Set(colors.values()).size).toBe(3);
        expect([...colors.values()].filter((c) => c.startsWith('hsl'))).toHaveLength(1);
    });
});
