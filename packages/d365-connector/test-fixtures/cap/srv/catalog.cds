using flowline from '../db/schema';

service CatalogService {
  entity Books as projection on flowline.Books actions {
    action addStock(amount : Integer) returns Integer;
  };
  entity Chapters as projection on flowline.Chapters;
  entity Customers as projection on flowline.Customers;
}
