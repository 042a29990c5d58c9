import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '../config/config-validation-error';
import { headStartEmbeddedDataDir, prepareEmbeddedDataDir } from './embedded-data-dir';

// Run from src/, where no template is built: a new directory is one initdb will fill ('empty').
describe('the embedded data directory', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'embedded-data-dir-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("is prepared once: the database's start takes up the head start, and only once", () => {
    const dataDir = join(root, 'pglite');
    headStartEmbeddedDataDir(dataDir);
    // Written after the head start looked: a preparation of its own would refuse the directory now.
    writeFileSync(join(dataDir, 'written-since'), '');
    expect(prepareEmbeddedDataDir(dataDir).start).toBe('empty');
    expect(() => prepareEmbeddedDataDir(dataDir)).toThrow(/holds files but no database/);
  });

  it('takes a directory holding a cluster as it is', () => {
    const dataDir = join(root, 'pglite');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    expect(prepareEmbeddedDataDir(dataDir).start).toBe('existing');
  });

  it('leaves the refusal of a directory holding other files to the start, which reports it', () => {
    const cluttered = join(root, 'cluttered');
    mkdirSync(cluttered);
    writeFileSync(join(cluttered, 'notes.txt'), 'mine');
    expect(() => headStartEmbeddedDataDir(cluttered)).not.toThrow();
    expect(() => prepareEmbeddedDataDir(cluttered)).toThrow(ConfigValidationError);
    expect(() => prepareEmbeddedDataDir(cluttered)).toThrow(/holds files but no database/);
  });
});
