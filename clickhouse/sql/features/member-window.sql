/* Fragment (a table expression): the same rows as member-events.sql, already read into the
   in-memory table the feature stage made for this run and stage. */
{member_window:Identifier}
