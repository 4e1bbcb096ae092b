namespace BraketBot.Domain;

public enum CapMetric
{
    Shots,
    Cost,
}
