/* Fragment (one expression): quantileExactInclusive's value from a sorted (value, count) list,
   given the columns pos (the pairs with value >= 0), n (their total count), cum (running counts),
   h = level * (n - 1) + 1 and k = floor(h). NaN when there is no value. */
multiIf(n = 0, nan, k >= n, pos[-1].1, k < 1, pos[1].1, pos[arrayFirstIndex(c -> c >= k, cum)].1 + (h - k) * (pos[arrayFirstIndex(c -> c >= k + 1, cum)].1 - pos[arrayFirstIndex(c -> c >= k, cum)].1))
