/**
 * PostGIS: typed geometry and geography columns with GiST indexes, a trigger building points,
 * SQL functions and views over distances, relationships and GeoJSON, with PostGIS's results.
 */
import { loadParser } from '../../../../packages/core/src/parser';
import { errorsOf, expectEmulatedReplay, findingsOf, replayFixture } from './support';

beforeAll(() => loadParser());

it('replays typed columns, GiST indexes, a nearby-places function and a GeoJSON view, labelled as emulated', async () => {
  const replay = await replayFixture('postgis');
  expectEmulatedReplay(replay, 'postgis');
  const labelled = replay.result.migrations[0].statements.map((s) => `${s.line} ${s.kind} ${(s.emulated ?? []).join(',')}`);
  // The table's typed columns are the emulation's; the GiST index build locks as PostgreSQL's own does.
  expect(labelled).toEqual(expect.arrayContaining(['1 CreateExtensionStmt ', '3 CreateStmt postgis', '11 IndexStmt ', '15 CreateFunctionStmt postgis']));
});

it('refuses a line in a geometry(Point, 4326) column with PostGIS\'s message, at its line', async () => {
  const { result } = await replayFixture('postgis-rejected');
  expect(errorsOf(result)).toEqual(['20240309000100_wrong_type.sql:3 Geometry type (LineString) does not match column type (Point)']);
  expect(findingsOf(result, 'dry-run-error')).toEqual(['dry-run-error error 20240309000100_wrong_type.sql:3']);
});
