namespace BraketBot.Tests.Braket;

public sealed class ArnTests
{
    [Theory]
    [InlineData("arn:aws:braket:us-west-1::device/qpu/rigetti/Aspen-M-1", "us-west-1", "qpu", "rigetti", "Aspen-M-1")]
    [InlineData("arn:aws:braket:eu-north-1::device/qpu/iqm/Garnet", "eu-north-1", "qpu", "iqm", "Garnet")]
    [InlineData("arn:aws:braket:::device/quantum-simulator/amazon/sv1", "", "quantum-simulator", "amazon", "sv1")]
    [InlineData("arn:aws:braket:us-east-1::device/qpu/ionq/Forte-Enterprise-1", "us-east-1", "qpu", "ionq", "Forte-Enterprise-1")]
    public void Parses_device_arns(string text, string region, string kind, string provider, string name)
    {
        Assert.True(DeviceArn.TryParse(text, out var arn));
        Assert.Equal((region, kind, provider, name), (arn.Region, arn.Kind, arn.Provider, arn.Name));
        Assert.Equal(kind == "quantum-simulator", arn.IsSimulator);
    }

    [Fact]
    public void Parses_task_arns()
    {
        Assert.True(
            QuantumTaskArn.TryParse("arn:aws:braket:us-west-1:111122223333:quantum-task/4b5c6d7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f", out var arn)
        );
        Assert.Equal(("us-west-1", "111122223333", "4b5c6d7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f"), (arn.Region, arn.Account, arn.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:braket:us-west-1:111122223333:quantum-task/")]
    [InlineData("arn:aws:braket:us-west-1:1111:quantum-task/abc")]
    [InlineData("arn:aws:braket::111122223333:quantum-task/abc")]
    [InlineData("arn:aws:s3:us-west-1:111122223333:quantum-task/abc")]
    [InlineData("arn:aws:braket:us-west-1:111122223333:job/abc")]
    [InlineData("arn:aws:braket:us-west-1:111122223333:quantum-task/abc/../../devices")]
    [InlineData(" arn:aws:braket:us-west-1:111122223333:quantum-task/abc")]
    public void Rejects_malformed_task_arns(string? text) => Assert.False(QuantumTaskArn.TryParse(text, out _));

    [Theory]
    [InlineData("Aspen-M-1")]
    [InlineData("arn:aws:braket:us-west-1::device/gpu/rigetti/Aspen-M-1")]
    [InlineData("arn:aws:braket:us-west-1:111122223333:device/qpu/rigetti/Aspen-M-1")]
    public void Rejects_malformed_device_arns(string text) => Assert.False(DeviceArn.TryParse(text, out _));
}
