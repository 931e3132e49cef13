"""query: the structured query function (select, filter, orderby, options, offset paging)."""
