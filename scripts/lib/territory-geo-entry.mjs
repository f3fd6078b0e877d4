// Entry of the `territoryGeo` static resource (scripts/build-static-resources.mjs bundles it with
// rollup): the geometry the territory map needs in the browser, and nothing more of turf.
//  - Delaunay (d3-delaunay): the Delaunay triangulation of the unit centroids and its Voronoi
//    cells (unit adjacency and unit areas);
//  - @turf/turf (its modules, imported one by one so the bundle holds only these): clipping
//    territory areas to the land outline and placing labels.
export { Delaunay } from 'd3-delaunay';
export { area } from '@turf/area';
export { bboxClip } from '@turf/bbox-clip';
export { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
export { centroid } from '@turf/centroid';
export { featureCollection } from '@turf/helpers';
export { intersect } from '@turf/intersect';
export { pointOnFeature } from '@turf/point-on-feature';
