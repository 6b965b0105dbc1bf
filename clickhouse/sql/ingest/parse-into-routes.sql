-- Parses every line of a source once and sends it through ingest_parsed, whose views route
-- it to events, rejects (or their staging twins), the short-line set and the census. A source may hold
-- several files of one kind: each row names its file in `source`, mapped to the file's key and date.
-- Parameters: sources, file_keys, dates (parallel arrays), kind ('P','D','S'), expected (field count), max_line,
-- attempt (the load's key in the transient tables), staged (1: to the staging twins, 0: straight in);
-- the caller names the kind's fields below (see sources.ts), so a kind reads only the fields it has.
INSERT INTO ingest_parsed
SELECT
    toDate(transform(source, {sources:Array(String)}, {dates:Array(String)}, '')),
    transform(source, {sources:Array(String)}, {file_keys:Array(String)}, ''),
    {kind:String}, line_no, line, status, repair,
    uid, song_id, play_time, song_length,
    uid_raw, device_raw, song_id_raw, play_time_raw, song_length_raw,
    song_type, song_name, singer, paid_flag, search_time, search_query,
    {attempt:String}, {staged:UInt8}
FROM
(
    SELECT
        source,
        line_no,
        line,
        splitByChar('\t', line) AS raw_fields,
        toInt32(length(raw_fields)) AS nf,
        toInt32({expected:UInt8}) AS ne,
        greatest(nf - ne, 0) AS extra,
        -- k surplus fields that are all empty are editing slips (a leading or trailing tab, a run
        -- of tabs): remove them, leading first, then trailing, then the first interior run long enough.
        if(extra = 0, 0, multiIf(
            arrayAll(x -> x = '', arraySlice(raw_fields, 1, extra)), 1,
            arrayAll(x -> x = '', arraySlice(raw_fields, ne + 1, extra)), ne + 1,
            arrayFirstIndex(i -> i + extra - 1 <= nf AND arrayAll(x -> x = '', arraySlice(raw_fields, i, extra)), arrayEnumerate(raw_fields))
        )) AS cut,
        -- field j of the repaired line, read in place (copying the arrays cost more than the parse of the values)
        if(cut = 0, 0, extra) AS shift,
        raw_fields[1 + if(1 >= cut, shift, 0)] AS f1,
        raw_fields[2 + if(2 >= cut, shift, 0)] AS f2,
        raw_fields[3 + if(3 >= cut, shift, 0)] AS f3,
        raw_fields[4 + if(4 >= cut, shift, 0)] AS f4,
        raw_fields[5 + if(5 >= cut, shift, 0)] AS f5,
        raw_fields[6 + if(6 >= cut, shift, 0)] AS f6,
        raw_fields[7 + if(7 >= cut, shift, 0)] AS f7,
        raw_fields[8 + if(8 >= cut, shift, 0)] AS f8,
        raw_fields[9 + if(9 >= cut, shift, 0)] AS f9,
        -- which field holds which column for this kind, e.g. `f3 AS song_id_raw, '' AS search_time`
        __KIND_FIELDS__,
        -- each value is parsed once, here; the routing views only copy
        toUInt64OrNull(uid_raw) AS uid,
        if(song_id_raw = '', NULL, toInt64OrNull(song_id_raw)) AS song_id,
        if(play_time_raw IN ('', 'nan', 'NaN', 'NAN'), NULL, toFloat64OrNull(play_time_raw)) AS play_time,
        if(song_length_raw IN ('', 'nan', 'NaN', 'NAN'), NULL, toFloat64OrNull(song_length_raw)) AS song_length,
        multiIf(
            line = '', 'blank',
            length(line) > {max_line:UInt32}, 'line_too_long',
            nf < ne, 'too_few_fields',
            extra > 0 AND cut = 0, 'too_many_fields',
            NOT isValidUTF8(line), 'invalid_utf8',
            uid IS NULL OR startsWith(uid_raw, '-'), 'bad_uid',
            device_raw NOT IN ('ar', 'ip'), 'bad_device',
            -- flags are small integers: text here means the fields are shifted, not a value to keep
            paid_flag != '' AND toUInt8OrNull(paid_flag) IS NULL, 'bad_paid_flag',
            song_type != '' AND toUInt8OrNull(song_type) IS NULL, 'bad_song_type',
            song_id IS NULL AND song_id_raw != '', 'bad_song_id',
            play_time IS NULL AND play_time_raw NOT IN ('', 'nan', 'NaN', 'NAN'), 'bad_play_time',
            song_length IS NULL AND song_length_raw NOT IN ('', 'nan', 'NaN', 'NAN'), 'bad_song_length',
            'ok'
        ) AS status,
        if(repair_override != '', repair_override, if(extra > 0, 'extra_empty_fields', '')) AS repair
    FROM (__SOURCE__)
)
