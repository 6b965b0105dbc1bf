import type { ClickHouseClient } from '@clickhouse/client';
import { artifactsDir, type Settings } from '../../config/settings';
import type { ArtifactStore } from './artifact-store';
import { ClickHouseStore } from './clickhouse-store';
import { LocalFolderStore } from './local-folder-store';

/** The store the settings name; the ClickHouse store works through the process's client `ch`. */
export function openArtifactStore(settings: Settings, ch: ClickHouseClient | undefined): ArtifactStore {
  if (settings.artifactStore === 'local') return new LocalFolderStore(artifactsDir(settings));
  if (!ch) throw new Error('the ClickHouse artifact store needs a ClickHouse client');
  return new ClickHouseStore(ch, settings.clickhouse.kind === 'server' ? settings.clickhouse.url.replace(/\/\/[^@/]*@/, '//') /* no token in messages */ : 'embedded');
}
