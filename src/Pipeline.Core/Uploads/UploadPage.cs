namespace Pipeline.Core.Uploads;

/// <summary>The partners' upload page (<see cref="EmbeddedPage"/>): choose the dataset, pick a file, read the result and earlier uploads.</summary>
public static class UploadPage
{
    private const string ResourceName = "Pipeline.Serving.upload.html";

    public static ServingResponse Answer() => EmbeddedPage.Answer(ResourceName);
}
