import { parentPort, workerData } from 'node:worker_threads';
import { trainForestTree, type ForestTreeData, type ForestTreeSettings } from '../trees/forest-tree';

/** What the pool hands each worker once, at start-up. */
export interface ForestWorkerInit {
  kind: 'musicbox-forest';
  data: ForestTreeData;
  settings: ForestTreeSettings;
}

/** A finished tree; its arrays are transferred, not copied. */
export interface ForestWorkerReply {
  treeIndex: number;
  feature: Int32Array;
  bin: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  importance: Float64Array;
}

const init = workerData as ForestWorkerInit | undefined;
if (parentPort && init?.kind === 'musicbox-forest') {
  const port = parentPort;
  port.on('message', (treeIndex: number) => {
    const { tree, importance } = trainForestTree(init.data, treeIndex, init.settings);
    const reply: ForestWorkerReply = { treeIndex, ...tree, importance };
    port.postMessage(reply, [
      tree.feature.buffer,
      tree.bin.buffer,
      tree.threshold.buffer,
      tree.left.buffer,
      tree.right.buffer,
      tree.value.buffer,
      importance.buffer,
    ] as ArrayBuffer[]);
  });
}
