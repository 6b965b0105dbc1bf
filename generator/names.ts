import type { Prng } from './prng';

// Word pools for believable song and singer names. Most of the service's
// catalogue is Chinese pop with some English titles, ringtone cuts and
// soundtrack versions, as in the real samples.
const ZH_WORDS = [
  '爱', '你', '我', '的', '心', '雨', '风', '夜', '梦', '天空', '时间', '告白', '气球', '平凡', '之路',
  '眼泪', '年轻', '约定', '草原', '家', '初雪', '好汉', '歌', '三生', '三世', '桃花', '美酒', '咖啡',
  '离开', '时候', '不分手', '恋爱', '蝴蝶', '泉边', '玫瑰', '葬礼', '凉凉', '水晶', '故乡', '月亮',
  '星星', '海', '远方', '回忆', '青春', '等待', '唯一', '勇气', '孤单', '北京', '小幸运', '演员',
  '童话', '晴天', '稻香', '后来', '十年', '光年', '城市', '少年', '红尘', '情歌', '舞曲', '铃声',
];
const EN_WORDS = [
  'See', 'You', 'Again', 'Love', 'Story', 'Faded', 'Shape', 'Of', 'Girl', 'Night', 'Dance', 'Blue',
  'Heart', 'Dream', 'Stay', 'Home', 'Fire', 'Rain', 'Summer', 'Forever', 'Young', 'Light', 'Sky',
  'Closer', 'Free', 'Breaking', 'Out', 'The', 'Woods', 'Your', 'Song', 'Let', 'Go', 'Hello', 'Time',
];
const ZH_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '周', '吴', '徐', '孙', '林', '邓', '薛', '许', '朴', '鹿', '洪', '汪'];
const ZH_GIVEN = ['杰伦', '菲', '欢', '树', '晗', '辰', '苏泷', '嵩', '丽君', '惠妹', '杰', '之谦', '紫棋', '雅莉', '思涵', '宇', '娜', '伟', '敏', '静'];
const EN_FIRST = ['Taylor', 'Miley', 'Justin', 'Adele', 'Ed', 'Bruno', 'Katy', 'Alan', 'Sia', 'Psy', 'Lady'];
const EN_LAST = ['Swift', 'Cyrus', 'Bieber', 'Sheeran', 'Mars', 'Perry', 'Walker', 'Gaga', 'Brown', 'Jones'];
const BANDS = ['DJ舞曲', 'MC王小五', 'SNH48', 'EXO', '佛教音乐', '电子琴', '基地小虎', '凤凰传奇', 'Doughnuts Hole', 'Maroon 5'];
const SUFFIXES = ['(Live)', '(MV版)', '(Remix)', '-(电视剧《三生三世》主题曲)', '-(电影《路边野餐》插曲)', '(Intro)', '(伴奏)', '(DJ版)'];

function pick(rng: Prng, pool: readonly string[]): string {
  return pool[rng.int(pool.length)];
}

/** A singer or band name. */
export function singerName(rng: Prng): string {
  const r = rng.float();
  if (r < 0.72) return pick(rng, ZH_SURNAMES) + pick(rng, ZH_GIVEN);
  if (r < 0.92) return `${pick(rng, EN_FIRST)} ${pick(rng, EN_LAST)}`;
  return pick(rng, BANDS);
}

/**
 * A song title; `ringtone` titles carry the "(NN秒铃声版)" cut marker the
 * samples show for short ringtone versions.
 */
export function songName(rng: Prng, ringtone: boolean, seconds: number): string {
  let name: string;
  if (rng.float() < 0.72) {
    const n = 1 + rng.int(3);
    name = '';
    for (let i = 0; i < n; i++) name += pick(rng, ZH_WORDS);
  } else {
    const n = 1 + rng.int(3);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(pick(rng, EN_WORDS));
    name = words.join(' ');
  }
  if (ringtone) return `${name}(${seconds}秒铃声版)`;
  if (rng.float() < 0.08) name += pick(rng, SUFFIXES);
  return name;
}

/** Generic queries people type instead of a title. */
export const GENERIC_QUERIES: readonly string[] = ['手机铃声', '铃声', 'DJ', '抖音', '广场舞', '儿歌', '纯音乐', '经典老歌', 'faded', 'remix'];

/**
 * URL-encodes a query the ways the real logs do: mostly upper-case
 * percent-encoding with `+` for spaces, sometimes lower-case hex and `%20`.
 */
export function encodeQuery(rng: Prng, query: string): string {
  const encoded = encodeURIComponent(query);
  const r = rng.float();
  if (r < 0.7) return encoded.replace(/%20/g, '+');
  if (r < 0.9) return encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  return encoded;
}
