namespace BraketBot.Ports;

public enum FilterOperator
{
    Lt,
    Lte,
    Equal,
    Gt,
    Gte,
    Between,
}
