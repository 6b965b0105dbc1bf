export { ArtifactNotFound, artifactKey, runIdOfKey, type ArtifactStore } from './artifact-store';
export { ClickHouseStore } from './clickhouse-store';
export { LocalFolderStore } from './local-folder-store';
export { openArtifactStore } from './open-artifact-store';
