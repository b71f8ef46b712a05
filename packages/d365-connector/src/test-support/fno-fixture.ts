/** A small F&O-shaped `$metadata` (one schema, LabelId annotations, enums, composite keys, an action). */
export const FNO_METADATA = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="Microsoft.Dynamics.DataEntities" Alias="mdde" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="NoYes">
        <Member Name="No" Value="0"><Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="@SYS1"/></Member>
        <Member Name="Yes" Value="1"><Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="@SYS2"/></Member>
      </EnumType>
      <EnumType Name="BigFlags" UnderlyingType="Edm.Int64">
        <Member Name="Huge" Value="9007199254740993"/>
      </EnumType>
      <EntityType Name="CustomerV3">
        <Key><PropertyRef Name="dataAreaId"/><PropertyRef Name="CustomerAccount"/></Key>
        <Property Name="dataAreaId" Type="Edm.String" Nullable="false" MaxLength="4">
          <Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="@SYS13342"/>
        </Property>
        <Property Name="CustomerAccount" Type="Edm.String" Nullable="false" MaxLength="20"/>
        <Property Name="CustomerGroupId" Type="Edm.String" Nullable="false" MaxLength="10">
          <Annotation Term="Microsoft.Dynamics.OData.Core.V1.IsRequired" Bool="true"/>
        </Property>
        <Property Name="CreditLimit" Type="Edm.Decimal" Nullable="false" Precision="32" Scale="6"/>
        <Property Name="RecordId" Type="Edm.Int64" Nullable="false">
          <Annotation Term="Core.Computed"/>
        </Property>
        <Property Name="Blocked" Type="mdde.NoYes" Nullable="false"/>
        <Property Name="Tags" Type="Collection(Edm.String)"/>
        <Property Name="Address" Type="mdde.PostalAddress"/>
        <NavigationProperty Name="CustomerGroup" Type="mdde.CustomerGroup" Partner="Customers"/>
      </EntityType>
      <EntityType Name="CustomerGroup">
        <Key><PropertyRef Name="dataAreaId"/><PropertyRef Name="CustomerGroupId"/></Key>
        <Property Name="dataAreaId" Type="Edm.String" Nullable="false" MaxLength="4"/>
        <Property Name="CustomerGroupId" Type="Edm.String" Nullable="false" MaxLength="10"/>
        <Property Name="Description" Type="Edm.String" Nullable="false" MaxLength="60"/>
        <NavigationProperty Name="Customers" Type="Collection(mdde.CustomerV3)" Partner="CustomerGroup"/>
      </EntityType>
      <EntityType Name="SpecialCustomer" BaseType="mdde.CustomerV3">
        <Property Name="Level" Type="Edm.Int32" Nullable="false"/>
      </EntityType>
      <ComplexType Name="PostalAddress">
        <Property Name="City" Type="Edm.String" MaxLength="60"/>
      </ComplexType>
      <Action Name="ExportToPackage" IsBound="true">
        <Parameter Name="_bindingParameter" Type="Collection(mdde.CustomerGroup)"/>
        <Parameter Name="packageName" Type="Edm.String"/>
        <ReturnType Type="Edm.String"/>
      </Action>
      <EntityContainer Name="Resources">
        <EntitySet Name="CustomersV3" EntityType="mdde.CustomerV3">
          <NavigationPropertyBinding Path="CustomerGroup" Target="CustomerGroups"/>
          <Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="Customers V3"/>
        </EntitySet>
        <EntitySet Name="CustomerGroups" EntityType="mdde.CustomerGroup"/>
      </EntityContainer>
      <Annotations Target="mdde.CustomerGroup/Description">
        <Annotation Term="Core.Description" String="Group description"/>
        <Annotation Term="Core.Permissions"><EnumMember>Core.Permission/Read</EnumMember></Annotation>
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;
