namespace flowline;

type Genre : String enum { Fiction; Science; History; }

entity Books {
  key ID       : Integer;
      title    : String(111) not null;
      author   : String(111);
      genre    : Genre;
      stock    : Integer;
      price    : Decimal(9, 2);
      @odata.etag
      modifiedAt : Timestamp @cds.on.insert: $now @cds.on.update: $now;
      chapters : Composition of many Chapters on chapters.book = $self;
}

entity Chapters {
  key book   : Association to Books;
  key number : Integer;
      title  : String(111);
}

/** Composite key with a company part, like F&O's (dataAreaId, CustomerAccount). */
entity Customers {
  key dataAreaId      : String(4);
  key CustomerAccount : String(20);
      Name            : String(100);
      @odata.etag
      modifiedAt      : Timestamp @cds.on.insert: $now @cds.on.update: $now;
}
